import Foundation
import PaperboyCore

/// Where a resumable harvest stands: the token (or offset) of the next page to fetch.
public struct HarvestPosition: Sendable, Equatable {
    /// The OAI-PMH `resumptionToken` for the next page; `nil` when the next page is the first or none is left.
    public var resumptionToken: String?
    /// Records fetched before the next page (the API client's `start` offset).
    public var cursor: Int
    /// Pages stored so far in this run.
    public var pages: Int
    /// Records stored so far in this run.
    public var records: Int
    /// Whether the run reached its last page.
    public var completed: Bool

    public init(resumptionToken: String? = nil, cursor: Int = 0, pages: Int = 0, records: Int = 0, completed: Bool = false) {
        self.resumptionToken = resumptionToken
        self.cursor = cursor
        self.pages = pages
        self.records = records
        self.completed = completed
    }
}

/// Remembers harvest positions, and writes a page of papers together with the position after it in one
/// transaction (so a killed harvest never stores a page without moving on, nor moves on without storing the
/// page). The papers are merged as ``PaperStore/apply(_:)`` merges them.
public protocol HarvestLedger: Sendable {
    /// The stored position of the harvest named `key`; `nil` if it never ran.
    func harvestPosition(_ key: String) async throws -> HarvestPosition?

    /// Applies `batch` and records `position` for `key`, atomically.
    func apply(_ batch: ImportBatch, recording position: HarvestPosition, for key: String) async throws -> ImportCounts

    /// Forgets the position of `key` (the next run starts from the beginning).
    func resetHarvest(_ key: String) async throws
}

import Foundation
import PaperboyCore
import PaperboyStore

/// What submitting a paper did.
public struct SubmissionResult: Sendable, Equatable {
    public var detail: PaperDetail
    /// The day it is featured on (today).
    public var day: Day
    /// Whether the paper was fetched from arXiv (it was not in the store before).
    public var fetched: Bool
    /// Whether it was already featured that day (nothing changed).
    public var alreadyFeatured: Bool

    public init(detail: PaperDetail, day: Day, fetched: Bool, alreadyFeatured: Bool) {
        self.detail = detail
        self.day = day
        self.fetched = fetched
        self.alreadyFeatured = alreadyFeatured
    }
}

/// The seam the web layer and the CLI use to bring in a paper by id.
public protocol PaperSubmitting: Sendable {
    /// Features `id` today; fetches and stores it first if unknown. `submitter` may be `nil` (no accounts yet).
    func submit(_ id: ArxivID, submitter: UserRef?) async throws -> SubmissionResult
}

/// Submit by arXiv id: a known paper is featured today (an entry after the day's last one, in one transaction
/// with reading the day's positions); an unknown one is fetched through the API, then stored and featured in one
/// transaction. If arXiv cannot be reached, the
/// error (`unavailable`/`upstream`) is thrown and nothing is stored. An id arXiv does not know is `notFound`.
public struct ArxivSubmitter: PaperSubmitting {
    public let store: any PaperStore
    public let api: ArxivAPIClient
    let clock: @Sendable () -> Date

    public init(store: any PaperStore, api: ArxivAPIClient, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.api = api
        self.clock = clock
    }

    public func submit(_ id: ArxivID, submitter: UserRef?) async throws -> SubmissionResult {
        let now = clock()
        let day = Day(secondsSinceEpoch: now.timeIntervalSince1970)
        let paperID = PaperID(arxiv: id)
        var fetched: [Paper] = []
        if let known = try await store.paper(paperID) {
            if known.entries.contains(where: { $0.day == day }) {
                return SubmissionResult(detail: known, day: day, fetched: false, alreadyFeatured: true)
            }
        } else {
            guard let paper = try await api.paper(id, fetchedAt: now) else {
                throw PaperboyError.notFound("arXiv has no paper \(id.base).")
            }
            fetched = [paper]
        }
        // The day's positions are read and extended inside the write transaction (a concurrent submit of another
        // paper cannot take the same position; one of the same paper finds it featured).
        let entry = try await store.feature(paperID, on: day, by: submitter, at: now, storing: fetched)
        guard let detail = try await store.paper(paperID) else {
            throw PaperboyError(.storage, "Paper \(paperID) was stored but cannot be read back.")
        }
        return SubmissionResult(detail: detail, day: day, fetched: !fetched.isEmpty, alreadyFeatured: entry == nil)
    }
}

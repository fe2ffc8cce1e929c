import Foundation
import PaperboyCore

/// The storage seam for papers and daily lists. Implementations: ``SQLitePaperStore`` (the product),
/// ``InMemoryPaperStore`` (fast tests). PostgreSQL will come behind the same protocol.
///
/// All methods are async and safe to call concurrently.
public protocol PaperStore: Sendable {
    /// Merges a batch of papers and entries in one transaction: all of it is stored, or none.
    /// Papers are merged with stored ones (``Paper/merged(with:)``); unchanged records are not rewritten.
    func apply(_ batch: ImportBatch) async throws -> ImportCounts

    /// One paper with its live counts and featured entries; `nil` when unknown.
    func paper(_ id: PaperID) async throws -> PaperDetail?

    /// Entries matching `query`, ordered and paged. Trending order is computed by the caller's `now`.
    func feed(_ query: FeedQuery) async throws -> FeedPage

    /// The first and last day that have entries; `nil` for an empty database.
    func dayBounds() async throws -> ClosedRange<Day>?

    /// The closest days before and after `day` that have entries.
    func neighbours(of day: Day) async throws -> (previous: Day?, next: Day?)

    /// Counts for `paperboy stats` and health checks.
    func stats() async throws -> StoreStats

    /// Papers in id order, `limit` at a time after `afterID` (for building search indexes).
    func papers(after afterID: PaperID?, limit: Int) async throws -> [Paper]

    /// Several papers with live counts, in the order of `ids` (unknown ids are left out).
    func details(_ ids: [PaperID]) async throws -> [PaperDetail]

    /// Papers changed or removed after `cursor`, oldest change first, `limit` at a time: what a search index
    /// must (re)index or drop to catch up. Pass the last record's ``ChangeRecord/cursor`` to continue.
    ///
    /// The feed is **commit-ordered**: a position becomes visible only after every smaller one, so a follower that
    /// polls while other processes write never skips a change (a wall-clock `modified_at` cursor missed 1,632 of
    /// 2,000 changes with two writers: see SCALE-OUT.md). Each paper appears once, at its latest change; a
    /// paper changed again after a follower read it comes again later. SQLite draws positions inside the write
    /// transaction (one writer at a time orders commits); PostgreSQL must draw them at commit under an advisory
    /// transaction lock (the deferred-trigger recipe in SCALE-OUT.md), never from a plain sequence at insert.
    func changes(after cursor: ChangeCursor?, limit: Int) async throws -> [ChangeRecord]

    /// The newest position of the change feed (`nil` when nothing was ever written): what `/healthz` and
    /// version-keyed caches compare with a follower's cursor.
    func feedHead() async throws -> ChangeCursor?

    /// Features `paperID` on `day` after the day's last entry, in one write transaction that first merges `papers`
    /// (e.g. the record just fetched for it) and then reads and extends the day's positions, so concurrent
    /// featurings never share a position. Returns the new entry, or `nil` when the paper was already on that
    /// day's list (nothing is featured twice). `notFound` when the paper is neither stored nor in `papers`.
    func feature(_ paperID: PaperID, on day: Day, by submitter: UserRef?, at: Date, storing papers: [Paper]) async throws
        -> DailyEntry?

    /// Where a paper merged away as a duplicate now lives (``DuplicateMerge``: `local-…` → its arXiv id); `nil`
    /// for any other id. Pages and the API redirect there.
    func survivor(of id: PaperID) async throws -> PaperID?

    /// Removes papers (and their daily entries); returns how many existed. Derived data learns of it through
    /// ``changes(after:limit:)``.
    func remove(_ ids: [PaperID]) async throws -> Int

    /// The organisation named `name` (HF's `organization.name`, matched exactly) as its newest-published paper
    /// describes it; `nil` when no paper is attributed to it. Indexed by name on every SQL backend.
    func organization(named name: String) async throws -> Organization?

    /// The whole catalog, newest first (``CatalogCursor``'s order), `limit` papers strictly after `cursor` (from the
    /// start when `nil`), with live counts and featured entries: keyset paging, stable under inserts.
    func latestPapers(after cursor: CatalogCursor?, limit: Int) async throws -> [PaperDetail]
}

/// A position in the store's change feed: the paper feed's commit-ordered position (see ``PaperStore/changes(after:limit:)``).
/// One cursor type for every follower (the search index, the vector index, caches, `/healthz`).
public struct ChangeCursor: Sendable, Hashable, Codable, Comparable {
    public var position: Int64

    public init(position: Int64) { self.position = position }

    public static func < (a: ChangeCursor, b: ChangeCursor) -> Bool { a.position < b.position }
}

/// A changed paper with what search needs beside it, or a removed one.
public struct ChangeRecord: Sendable, Equatable {
    public var id: PaperID
    /// `nil` when the paper was removed.
    public var paper: Paper?
    public var upvotes: Int
    /// The first day the paper was featured, if ever.
    public var firstFeatured: Day?
    public var cursor: ChangeCursor

    public init(id: PaperID, paper: Paper?, upvotes: Int, firstFeatured: Day?, cursor: ChangeCursor) {
        self.id = id
        self.paper = paper
        self.upvotes = upvotes
        self.firstFeatured = firstFeatured
        self.cursor = cursor
    }
}

/// What an import writes in one transaction.
public struct ImportBatch: Sendable {
    public var papers: [Paper]
    public var entries: [DailyEntry]

    public init(papers: [Paper] = [], entries: [DailyEntry] = []) {
        self.papers = papers
        self.entries = entries
    }

    public var isEmpty: Bool { papers.isEmpty && entries.isEmpty }
}

/// What an import changed.
public struct ImportCounts: Sendable, Equatable, Codable {
    public var papersInserted = 0
    public var papersUpdated = 0
    public var papersUnchanged = 0
    public var entriesInserted = 0
    public var entriesUpdated = 0
    public var entriesUnchanged = 0

    public init() {}

    /// Whether the import wrote anything.
    public var changedAnything: Bool {
        papersInserted + papersUpdated + entriesInserted + entriesUpdated > 0
    }

    public static func + (a: ImportCounts, b: ImportCounts) -> ImportCounts {
        var c = a
        c.papersInserted += b.papersInserted
        c.papersUpdated += b.papersUpdated
        c.papersUnchanged += b.papersUnchanged
        c.entriesInserted += b.entriesInserted
        c.entriesUpdated += b.entriesUpdated
        c.entriesUnchanged += b.entriesUnchanged
        return c
    }
}

/// Which entries a feed shows and in what order.
public struct FeedQuery: Sendable, Equatable {
    /// Days to include; `nil` for all.
    public var days: ClosedRange<Day>?
    /// Only entries submitted by this username.
    public var submitter: String?
    /// Only papers attributed to this organisation (``Organization/name``, exact).
    public var organization: String?
    /// Only these papers (a list filter's matches, e.g. `?q=`); `nil` for no restriction, empty for none.
    public var paperIDs: Set<PaperID>?
    public var sort: FeedSort
    public var limit: Int
    public var offset: Int
    /// The reference time for trending.
    public var now: Date

    public init(days: ClosedRange<Day>? = nil, submitter: String? = nil, organization: String? = nil,
                paperIDs: Set<PaperID>? = nil, sort: FeedSort = .upvotes, limit: Int = 50, offset: Int = 0,
                now: Date = Date()) {
        self.days = days
        self.submitter = submitter
        self.organization = organization
        self.paperIDs = paperIDs
        self.sort = sort
        self.limit = limit
        self.offset = offset
        self.now = now
    }
}

/// One page of a feed plus the total number of matching entries.
public struct FeedPage: Sendable, Equatable {
    public var items: [FeedItem]
    public var total: Int

    public init(items: [FeedItem], total: Int) {
        self.items = items
        self.total = total
    }
}

/// Counts over the whole store.
public struct StoreStats: Sendable, Equatable, Codable {
    public var papers: Int
    public var dailyEntries: Int
    public var days: Int
    public var firstDay: Day?
    public var lastDay: Day?

    public init(papers: Int, dailyEntries: Int, days: Int, firstDay: Day?, lastDay: Day?) {
        self.papers = papers
        self.dailyEntries = dailyEntries
        self.days = days
        self.firstDay = firstDay
        self.lastDay = lastDay
    }

    enum CodingKeys: String, CodingKey {
        case papers, days
        case dailyEntries = "daily_entries"
        case firstDay = "first_day"
        case lastDay = "last_day"
    }
}

import Foundation

/// A paper featured on a day's list (HF's daily papers entry).
public struct DailyEntry: Hashable, Sendable {
    public var day: Day
    public var paperID: PaperID
    /// Position in the source's list for that day (0 first); ties in upvotes keep this order.
    public var position: Int
    /// Who put the paper on the list, if known (HF's `submittedBy` / `submittedOnDailyBy`).
    public var submitter: UserRef?
    /// When it was put on the list (HF's `submittedOnDailyAt`, or the entry's `publishedAt`).
    public var submittedAt: Date?
    /// The title as the list showed it, when it differs from the paper's (HF lists keep TeX like `\textsc{…}`).
    public var title: String?

    public init(day: Day, paperID: PaperID, position: Int, submitter: UserRef? = nil, submittedAt: Date? = nil,
                title: String? = nil) {
        self.day = day
        self.paperID = paperID
        self.position = position
        self.submitter = submitter
        self.submittedAt = submittedAt
        self.title = title
    }
}

/// What a feed shows for one entry: the paper, the entry that featured it, and the live counts.
public struct FeedItem: Hashable, Sendable {
    public var paper: Paper
    public var entry: DailyEntry
    /// Imported upvotes plus votes cast on this site.
    public var upvotes: Int
    public var comments: Int

    public init(paper: Paper, entry: DailyEntry, upvotes: Int, comments: Int) {
        self.paper = paper
        self.entry = entry
        self.upvotes = upvotes
        self.comments = comments
    }
}

/// A paper with its live counts and the days it was featured, for the paper page and the paper API.
public struct PaperDetail: Hashable, Sendable {
    public var paper: Paper
    public var upvotes: Int
    public var comments: Int
    /// Featured entries, newest first (empty when the paper was never on a daily list).
    public var entries: [DailyEntry]

    public init(paper: Paper, upvotes: Int, comments: Int, entries: [DailyEntry]) {
        self.paper = paper
        self.upvotes = upvotes
        self.comments = comments
        self.entries = entries
    }
}

/// How a feed is ordered.
public enum FeedSort: String, Sendable, CaseIterable {
    /// Most upvoted first; ties by position in the day's list (the site's pages).
    case upvotes
    /// Newest featured first, then by position (HF API's `sort=publishedAt`, its default).
    case publishedAt
    /// By ``Trending/score(upvotes:featuredAt:now:)``.
    case trending

    /// Orders items in place, deterministically.
    public static func order(_ items: [FeedItem], by sort: FeedSort, now: Date) -> [FeedItem] {
        switch sort {
        case .upvotes:
            return items.sorted(by: byUpvotes)
        case .publishedAt:
            return items.sorted { a, b in
                if a.entry.day != b.entry.day { return a.entry.day > b.entry.day }
                if a.entry.position != b.entry.position { return a.entry.position < b.entry.position }
                return a.paper.id < b.paper.id
            }
        case .trending:
            let scored = items.map { ($0, Trending.score(upvotes: $0.upvotes, featuredAt: $0.entry.featuredAt, now: now)) }
            return scored.sorted { a, b in a.1 != b.1 ? a.1 > b.1 : byUpvotes(a.0, b.0) }.map(\.0)
        }
    }

    /// Most upvoted first, then newest day, then list position, then id: a total order.
    static func byUpvotes(_ a: FeedItem, _ b: FeedItem) -> Bool {
        if a.upvotes != b.upvotes { return a.upvotes > b.upvotes }
        if a.entry.day != b.entry.day { return a.entry.day > b.entry.day }
        if a.entry.position != b.entry.position { return a.entry.position < b.entry.position }
        return a.paper.id < b.paper.id
    }
}

extension DailyEntry {
    /// The moment the entry went on the list: `submittedAt` if known, else noon UTC of its day.
    public var featuredAt: Date { submittedAt ?? Date(timeIntervalSince1970: day.secondsSinceEpoch + 43_200) }
}

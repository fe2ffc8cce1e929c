import PaperboyCore
import PaperboyStore

/// What the recommender knows about every paper, one row per paper in columns: authors as ids into one
/// vocabulary of normalised names, categories, the day it counts under, whether it was ever featured, upvotes
/// and the title (for why-lines). A value: ``FactsFollower`` builds the next one from the change feed.
///
/// Why not the search index: ranking a reader's window needs each candidate's author ids and upvotes in a few
/// microseconds, and the index keeps analysed terms, not names. The table costs ~100 bytes a paper.
public struct PaperFacts: Sendable {
    public struct Row: Sendable {
        public var id: PaperID
        public var title: String
        /// Ids into ``PaperFacts/authorNames`` (normalised names), without hidden authors.
        public var authors: [Int32]
        public var categories: [String]
        /// Ids into ``PaperFacts/categoryNames``.
        public var categoryIDs: [Int32]
        /// The arXiv publication day (else the first day it was featured).
        public var day: Day?
        /// Whether the paper is on any daily list (then its window is its list days, not ``day``).
        public var featured: Bool
        public var upvotes: Int
    }

    public private(set) var rows: [Row] = []
    private var slotOfID: [PaperID: Int] = [:]
    private var free: [Int] = []
    /// Normalised author name of each author id.
    public private(set) var authorNames: [String] = []
    /// The display name first seen for each author id.
    public private(set) var authorDisplayNames: [String] = []
    private var authorIDs: [String: Int32] = [:]
    /// Category of each category id.
    public private(set) var categoryNames: [String] = []
    private var categoryIDs: [String: Int32] = [:]

    /// The change-feed position these facts are current to (0: none read).
    public internal(set) var position: Int64 = 0

    public init() {}

    /// Live papers.
    public var count: Int { slotOfID.count }

    public func slot(of id: PaperID) -> Int? { slotOfID[id] }

    public func row(_ id: PaperID) -> Row? { slotOfID[id].map { rows[$0] } }

    /// The id of a normalised author name, if any paper has that author.
    public func authorID(normalized: String) -> Int32? { authorIDs[normalized] }

    /// All live slots (removed papers leave holes that later papers reuse).
    public var liveSlots: [Int] { slotOfID.values.sorted() }

    /// The id of a category, if any paper has it.
    public func categoryID(_ name: String) -> Int32? { categoryIDs[name] }

    /// Applies one change-feed record: adds, replaces or (with no paper) removes.
    public mutating func apply(_ change: ChangeRecord) {
        guard let paper = change.paper else {
            if let slot = slotOfID.removeValue(forKey: change.id) {
                rows[slot].authors = []
                free.append(slot)
            }
            return
        }
        let authors = paper.authors.filter { !$0.hidden }.map { author -> Int32 in
            let key = Author.normalise(author.name)
            if let id = authorIDs[key] { return id }
            let id = Int32(authorNames.count)
            authorIDs[key] = id
            authorNames.append(key)
            authorDisplayNames.append(author.name)
            return id
        }
        let categories = paper.categories.map { name -> Int32 in
            if let id = categoryIDs[name] { return id }
            let id = Int32(categoryNames.count)
            categoryIDs[name] = id
            categoryNames.append(name)
            return id
        }
        let day = paper.publishedAt.map { Day(secondsSinceEpoch: $0.timeIntervalSince1970) } ?? change.firstFeatured
        let row = Row(id: paper.id, title: paper.title, authors: authors, categories: paper.categories, categoryIDs: categories, day: day,
                      featured: change.firstFeatured != nil, upvotes: change.upvotes)
        if let slot = slotOfID[paper.id] {
            rows[slot] = row
        } else if let slot = free.popLast() {
            rows[slot] = row
            slotOfID[paper.id] = slot
        } else {
            slotOfID[paper.id] = rows.count
            rows.append(row)
        }
    }
}

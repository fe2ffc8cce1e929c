import PaperboyCore

/// The papers a recommendation may come from: those with a daily-list day in `since..<until`, and papers never
/// featured whose publication day is in it.
public struct RecommendationWindow: Sendable, Hashable {
    public var since: Day
    /// Exclusive.
    public var until: Day

    public init(since: Day, until: Day) throws(PaperboyError) {
        guard since < until else {
            throw PaperboyError(.invalidInput, "The window is empty: 'since' (\(since)) must be before 'until' (\(until)).")
        }
        guard since.distance(to: until) <= 3_660 else {
            throw PaperboyError(.invalidInput, "The window is at most 10 years long.")
        }
        self.since = since
        self.until = until
    }

    public func contains(_ day: Day) -> Bool { since <= day && day < until }
}

/// One recommended paper, its score and why.
public struct Recommendation: Sendable, Hashable {
    public var paperID: PaperID
    public var score: Float
    public var reason: RecommendationReason
    /// Whether the reader marked it read (shown dimmed).
    public var isRead: Bool
}

/// The strongest part of a recommendation's score, said in words.
public enum RecommendationReason: Sendable, Hashable {
    case followedAuthor(String)
    case likedAuthor(String)
    case similar(to: PaperID, title: String)
    case category(String, followed: Bool)
    case popular

    public var text: String {
        switch self {
        case .followedAuthor(let name): "By \(name), whom you follow"
        case .likedAuthor(let name): "By \(name), whose papers you liked"
        case .similar(_, let title): "Like “\(title)”, which you liked"
        case .category(let category, let followed):
            followed ? "In \(category), which you follow" : "In \(category), where you like papers"
        case .popular: "Popular with readers"
        }
    }

    /// A stable short name for the API.
    public var kind: String {
        switch self {
        case .followedAuthor: "followed_author"
        case .likedAuthor: "liked_author"
        case .similar: "similar"
        case .category: "category"
        case .popular: "popular"
        }
    }
}

import Foundation
import PaperboyCore
import PaperboyStore

/// Everything a reader has told the site, read from the stores in one place: what they liked (upvotes, papers in
/// their collections, papers they submitted), what they said no to ("not interested"), what they read, and what
/// they follow (authors, categories). A value, compared to decide whether a cached model is still theirs.
public struct ReaderSignals: Sendable, Hashable {
    public var userID: Int64
    /// Liked papers, most recent first where the store knows the order (upvotes, then collections, then submissions).
    public var positives: [PaperID]
    public var notInterested: Set<PaperID>
    public var read: Set<PaperID>
    /// Normalised author names.
    public var followedAuthors: Set<String>
    public var followedCategories: Set<String>
    /// What was upvoted (recommendations never include it).
    public var upvoted: Set<PaperID>

    public init(userID: Int64, positives: [PaperID] = [], notInterested: Set<PaperID> = [], read: Set<PaperID> = [],
                followedAuthors: Set<String> = [], followedCategories: Set<String> = [], upvoted: Set<PaperID>? = nil) {
        self.userID = userID
        var seen = Set<PaperID>()
        self.positives = positives.filter { seen.insert($0).inserted }
        self.notInterested = notInterested
        self.read = read
        self.followedAuthors = followedAuthors
        self.followedCategories = followedCategories
        self.upvoted = upvoted ?? Set(positives)
    }

    /// How many things the reader has told us (the popularity prior fades as this grows).
    public var strength: Int { positives.count + followedAuthors.count + followedCategories.count + notInterested.count }

    /// The most signals read per kind: a model over the latest 2,000 likes is as good as one over all of them.
    public static let limit = 2_000

    /// Reads a reader's signals. `username` finds their submissions (daily entries they put on a list).
    public static func load(userID: Int64, username: String?, papers: any PaperStore, community: any CommunityStore,
                            delivery: any DeliveryStore) async throws -> ReaderSignals {
        async let upvotes = community.upvotedPapers(userID: userID, limit: limit)
        async let collections = community.collections(ownerID: userID, includePrivate: true)
        async let notInterested = community.markedPapers(.notInterested, userID: userID, limit: limit)
        async let read = community.markedPapers(.read, userID: userID, limit: limit)
        async let follows = delivery.follows(userID: userID)
        var submitted: [PaperID] = []
        if let username {
            submitted = try await papers.feed(FeedQuery(submitter: username, sort: .publishedAt, limit: limit))
                .items.map(\.paper.id)
        }
        let upvoted = try await upvotes
        let collected = try await collections.flatMap(\.paperIDs)
        let followed = try await follows
        return ReaderSignals(
            userID: userID, positives: upvoted + collected + submitted, notInterested: Set(try await notInterested),
            read: Set(try await read),
            followedAuthors: Set(followed.filter { $0.kind == .author }.map { Author.normalise($0.value) }),
            followedCategories: Set(followed.filter { $0.kind == .category }.map(\.value)),
            upvoted: Set(upvoted))
    }
}

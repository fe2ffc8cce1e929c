import Foundation

/// A user's claim to be one of a paper's authors. Pending until a moderator approves (or rejects) it; an approved
/// claim links the author to the user on the paper (HF's `authors[].user`, `status: "claimed_verified"`).
public struct AuthorClaim: Hashable, Sendable {
    public enum Status: String, Sendable, CaseIterable {
        case pending, approved, rejected
    }

    public var id: Int64
    public var paperID: PaperID
    /// The author's name as the paper lists it.
    public var authorName: String
    public var userID: Int64
    public var username: String
    public var status: Status
    public var createdAt: Date

    public init(id: Int64, paperID: PaperID, authorName: String, userID: Int64, username: String, status: Status,
                createdAt: Date) {
        self.id = id
        self.paperID = paperID
        self.authorName = authorName
        self.userID = userID
        self.username = username
        self.status = status
        self.createdAt = createdAt
    }

    /// The `status` an approved claim gives the author in the API.
    public static let verifiedStatus = "claimed_verified"
}

/// A personal API token's public record (the secret is shown once and stored only as its SHA-256).
public struct APIToken: Hashable, Sendable {
    public var id: Int64
    public var userID: Int64
    public var label: String
    public var createdAt: Date
    public var lastUsedAt: Date?

    public init(id: Int64, userID: Int64, label: String, createdAt: Date, lastUsedAt: Date? = nil) {
        self.id = id
        self.userID = userID
        self.label = label
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
    }
}

/// After an upvote toggle: the paper's total (imported + local) and whether this user's vote is now on.
public struct UpvoteState: Hashable, Sendable, Codable {
    public var upvotes: Int
    public var upvoted: Bool

    public init(upvotes: Int, upvoted: Bool) {
        self.upvotes = upvotes
        self.upvoted = upvoted
    }
}

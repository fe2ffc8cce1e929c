import Foundation
import PaperboyCore

/// The storage seam for the community layer: accounts, sessions, votes, comments, submissions, collections,
/// author claims and API tokens. ``SQLiteCommunityStore`` implements it on the same database as the papers.
///
/// Every method that changes a count does so in one write transaction with the change itself, so counts stay
/// exact under concurrency. Errors are ``PaperboyError``s: `notFound`, `conflict`, `invalidInput`, `storage`.
public protocol CommunityStore: Sendable {
    // MARK: Accounts
    /// Creates an account; `conflict` when the username (any case) or e-mail is taken.
    func createUser(username: String, email: String, passwordHash: String, at: Date) async throws -> User
    func user(id: Int64) async throws -> User?
    /// By username, ignoring case.
    func user(username: String) async throws -> User?
    /// The account and its password hash, by username or e-mail (for sign-in).
    func credentials(login: String) async throws -> (user: User, passwordHash: String)?
    func setPasswordHash(userID: Int64, _ hash: String) async throws
    func setModerator(userID: Int64, _ isModerator: Bool) async throws

    // MARK: Sign-in throttling
    func recordLoginFailure(keys: [String], at: Date) async throws
    /// How many failures each key has had since `since`.
    func loginFailures(keys: [String], since: Date) async throws -> [String: Int]
    func clearLoginFailures(key: String) async throws

    // MARK: Session records (key → opaque JSON, with an optional expiry)
    /// Writes a record; with `onlyIfAbsent` a live record under `key` makes it fail with `conflict`.
    func putSessionRecord(key: String, value: Data, expiresAt: Date?, onlyIfAbsent: Bool, now: Date) async throws
    /// A live (unexpired at `now`) record.
    func sessionRecord(key: String, now: Date) async throws -> (value: Data, expiresAt: Date?)?
    func removeSessionRecord(key: String) async throws
    /// Deletes expired records; returns how many.
    func purgeExpiredSessions(now: Date) async throws -> Int

    // MARK: Votes
    /// Sets (`true`), clears (`false`) or flips (`nil`) the user's upvote; idempotent for `true`/`false`.
    func setUpvote(userID: Int64, paperID: PaperID, to wanted: Bool?, at: Date) async throws -> UpvoteState
    /// Which of `paperIDs` the user has upvoted.
    func upvoted(userID: Int64, among paperIDs: [PaperID]) async throws -> Set<PaperID>
    /// The user's upvoted papers, newest vote first.
    func upvotedPapers(userID: Int64, limit: Int) async throws -> [PaperID]

    // MARK: Comments
    /// Adds a comment; a reply to a reply attaches to its top-level comment. `notFound` for an unknown paper/parent.
    func addComment(userID: Int64, paperID: PaperID, parentID: Int64?, body: String, at: Date) async throws -> Comment
    func comment(id: Int64) async throws -> Comment?
    /// A paper's comments, oldest first; hidden ones only when `includeHidden`.
    func comments(paperID: PaperID, includeHidden: Bool) async throws -> [Comment]
    func comments(userID: Int64, limit: Int) async throws -> [Comment]
    func editComment(id: Int64, body: String, at: Date) async throws -> Comment
    /// Deletes a comment and its replies.
    func deleteComment(id: Int64) async throws
    func setCommentHidden(id: Int64, _ hidden: Bool) async throws

    // MARK: Submissions and days
    /// Features a known paper on `day`, submitted by `user`; `conflict` when it is already on that day.
    func submit(paperID: PaperID, day: Day, by user: UserRef, at: Date) async throws -> DailyEntry
    /// Takes a paper off a day's list; returns whether it was there.
    func removeEntry(paperID: PaperID, day: Day) async throws -> Bool

    // MARK: Collections
    func createCollection(ownerID: Int64, name: String, description: String, isPublic: Bool, at: Date) async throws
        -> PaperCollection
    func collection(owner: String, slug: String) async throws -> PaperCollection?
    func collection(id: Int64) async throws -> PaperCollection?
    /// The owner's collections (private ones only when `includePrivate`).
    func collections(ownerID: Int64, includePrivate: Bool) async throws -> [PaperCollection]
    func setInCollection(collectionID: Int64, paperID: PaperID, _ included: Bool, at: Date) async throws
    func deleteCollection(id: Int64) async throws

    // MARK: Authors and claims
    /// Papers with an author whose normalised name is `normalizedName`, newest first.
    func paperIDs(author normalizedName: String, limit: Int) async throws -> [PaperID]
    /// A pending claim; `conflict` when the user already claimed this paper, `notFound` for an unknown author name.
    func claimAuthorship(userID: Int64, paperID: PaperID, authorName: String, at: Date) async throws -> AuthorClaim
    func claims(status: AuthorClaim.Status?, userID: Int64?, limit: Int) async throws -> [AuthorClaim]
    /// Approves (linking the author to the user on the paper) or rejects a claim.
    func decideClaim(id: Int64, approve: Bool, at: Date) async throws -> AuthorClaim

    // MARK: API tokens
    func createToken(userID: Int64, label: String, hash: Data, at: Date) async throws -> APIToken
    func tokens(userID: Int64) async throws -> [APIToken]
    /// Revokes one of the user's tokens; `notFound` when it is not theirs.
    func revokeToken(id: Int64, userID: Int64) async throws
    /// The owner of the token whose SHA-256 is `hash` (and records its use).
    func user(tokenHash: Data, at: Date) async throws -> User?
}

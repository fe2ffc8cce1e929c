import Foundation
import PaperboyCore

/// The storage seam for what the community does with papers: votes, comments, submissions, collections and
/// author claims. ``SQLiteCommunityStore`` implements it on the same database as the papers; accounts are
/// ``AccountStore``'s.
///
/// Every method that changes a count does so in one write transaction with the change itself, so counts stay
/// exact under concurrency. Errors are ``PaperboyError``s: `notFound`, `conflict`, `invalidInput`, `storage`.
public protocol CommunityStore: Sendable {
    // MARK: Votes
    /// Sets (`true`), clears (`false`) or flips (`nil`) the user's upvote; idempotent for `true`/`false`.
    func setUpvote(userID: Int64, paperID: PaperID, to wanted: Bool?, at: Date) async throws -> UpvoteState
    /// Which of `paperIDs` the user has upvoted.
    func upvoted(userID: Int64, among paperIDs: [PaperID]) async throws -> Set<PaperID>
    /// The user's upvoted papers, newest vote first.
    func upvotedPapers(userID: Int64, limit: Int) async throws -> [PaperID]

    // MARK: Reader marks
    /// Puts (`on`) or takes off a private mark on a paper; idempotent. `notFound` for an unknown paper.
    func setMark(_ mark: PaperMark, userID: Int64, paperID: PaperID, on: Bool, at: Date) async throws
    /// The user's papers carrying `mark`, newest mark first.
    func markedPapers(_ mark: PaperMark, userID: Int64, limit: Int) async throws -> [PaperID]
    /// The marks the user put on any of `paperIDs` (papers without marks are absent).
    func marks(userID: Int64, among paperIDs: [PaperID]) async throws -> [PaperID: Set<PaperMark>]

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
}

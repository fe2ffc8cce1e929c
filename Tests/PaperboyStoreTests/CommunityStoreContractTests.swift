import Foundation
import PaperboyCore
import Testing
@testable import PaperboyStore

/// The behaviour every ``CommunityStore`` owes: counts move with their rows, replies attach to top-level
/// comments, submissions feature once, collections and claims.
@Suite("CommunityStore contract")
struct CommunityStoreContractTests {
    static let at = Date(timeIntervalSince1970: 1_717_000_000)
    static let first = PaperID(unchecked: "2401.00001")
    static let second = PaperID(unchecked: "2401.00002")

    /// Two papers (the first with 5 imported upvotes) and two users.
    func seeded(_ backend: Backend) async throws -> (Stores, User, User) {
        let stores = try await backend.make()
        _ = try await stores.papers.apply(ImportBatch(papers: [paper("2401.00001", votes: 5), paper("2401.00002")]))
        let ada = try await stores.accounts.createUser(username: "ada", email: "ada@example.org", passwordHash: "h", at: Self.at)
        let alan = try await stores.accounts.createUser(username: "alan", email: "alan@example.org", passwordHash: "h", at: Self.at)
        return (stores, ada, alan)
    }

    @Test(arguments: Backend.all)
    func votesMoveTheCountOncePerUser(backend: Backend) async throws {
        let (stores, ada, alan) = try await seeded(backend)
        let c = stores.community
        #expect(try await c.setUpvote(userID: ada.id, paperID: Self.first, to: true, at: Self.at) == UpvoteState(upvotes: 6, upvoted: true))
        #expect(try await c.setUpvote(userID: ada.id, paperID: Self.first, to: true, at: Self.at) == UpvoteState(upvotes: 6, upvoted: true))
        #expect(try await c.setUpvote(userID: alan.id, paperID: Self.first, to: nil, at: Self.at) == UpvoteState(upvotes: 7, upvoted: true))
        #expect(try await c.setUpvote(userID: ada.id, paperID: Self.first, to: false, at: Self.at) == UpvoteState(upvotes: 6, upvoted: false))
        #expect(try await c.upvoted(userID: alan.id, among: [Self.first, Self.second]) == [Self.first])
        #expect(try await c.upvotedPapers(userID: alan.id, limit: 10) == [Self.first])
        #expect(try await stores.papers.paper(Self.first)?.upvotes == 6)
        await #expect(throws: PaperboyError.self) {
            try await c.setUpvote(userID: ada.id, paperID: PaperID(unchecked: "2401.09999"), to: true, at: Self.at)
        }
    }

    @Test(arguments: Backend.all)
    func marksArePrivateIdempotentAndMoveNothingShared(backend: Backend) async throws {
        let (stores, ada, alan) = try await seeded(backend)
        let c = stores.community
        let head = try await stores.papers.feedHead()
        try await c.setMark(.notInterested, userID: ada.id, paperID: Self.first, on: true, at: Self.at)
        try await c.setMark(.notInterested, userID: ada.id, paperID: Self.first, on: true, at: Self.at)
        try await c.setMark(.read, userID: ada.id, paperID: Self.first, on: true, at: Self.at.addingTimeInterval(1))
        try await c.setMark(.read, userID: ada.id, paperID: Self.second, on: true, at: Self.at.addingTimeInterval(2))
        #expect(try await c.markedPapers(.notInterested, userID: ada.id, limit: 10) == [Self.first])
        #expect(try await c.markedPapers(.read, userID: ada.id, limit: 10) == [Self.second, Self.first], "newest first")
        #expect(try await c.marks(userID: ada.id, among: [Self.first, Self.second]) ==
                [Self.first: [.notInterested, .read], Self.second: [.read]])
        #expect(try await c.marks(userID: alan.id, among: [Self.first, Self.second]).isEmpty, "marks are the reader's own")
        try await c.setMark(.notInterested, userID: ada.id, paperID: Self.first, on: false, at: Self.at)
        try await c.setMark(.notInterested, userID: ada.id, paperID: Self.first, on: false, at: Self.at)
        #expect(try await c.markedPapers(.notInterested, userID: ada.id, limit: 10).isEmpty)
        #expect(try await stores.papers.feedHead() == head, "a private mark moves no shared page")
        await #expect(throws: PaperboyError.self) {
            try await c.setMark(.read, userID: ada.id, paperID: PaperID(unchecked: "2401.09999"), on: true, at: Self.at)
        }
    }

    @Test(arguments: Backend.all)
    func commentsRepliesHidingAndCounts(backend: Backend) async throws {
        let (stores, ada, alan) = try await seeded(backend)
        let c = stores.community
        let top = try await c.addComment(userID: ada.id, paperID: Self.first, parentID: nil, body: "First", at: Self.at)
        let reply = try await c.addComment(userID: alan.id, paperID: Self.first, parentID: top.id, body: "Re", at: Self.at)
        let nested = try await c.addComment(userID: ada.id, paperID: Self.first, parentID: reply.id, body: "Re re", at: Self.at)
        #expect(reply.parentID == top.id && nested.parentID == top.id, "a reply to a reply attaches to the top-level comment")
        #expect(top.author.username == "ada")
        #expect(try await stores.papers.paper(Self.first)?.comments == 3)
        try await c.setCommentHidden(id: reply.id, true)
        #expect(try await c.comments(paperID: Self.first, includeHidden: false).map(\.id) == [top.id, nested.id])
        #expect(try await c.comments(paperID: Self.first, includeHidden: true).count == 3)
        #expect(try await stores.papers.paper(Self.first)?.comments == 2)
        let headBeforeEdit = try await stores.papers.feedHead()
        let edited = try await c.editComment(id: nested.id, body: "Edited", at: Self.at.addingTimeInterval(60))
        #expect(edited.body == "Edited" && edited.editedAt == Self.at.addingTimeInterval(60))
        #expect((try await stores.papers.feedHead()?.position ?? 0) > (headBeforeEdit?.position ?? 0),
                "an edit moves the feed head: cached paper pages must change")
        #expect(try await c.comments(userID: ada.id, limit: 10).count == 2)
        try await c.deleteComment(id: top.id)
        #expect(try await c.comments(paperID: Self.first, includeHidden: true).isEmpty, "replies go with their comment")
        #expect(try await c.comment(id: nested.id) == nil)
        #expect(try await stores.papers.paper(Self.first)?.comments == 0)
        await #expect(throws: PaperboyError.self) {
            try await c.addComment(userID: ada.id, paperID: Self.second, parentID: top.id, body: "Gone", at: Self.at)
        }
    }

    @Test(arguments: Backend.all)
    func submissionsFeatureOncePerDay(backend: Backend) async throws {
        let (stores, _, _) = try await seeded(backend)
        let c = stores.community
        let today = day("2024-06-04")
        _ = try await stores.papers.apply(ImportBatch(entries: [DailyEntry(day: today, paperID: Self.first, position: 0)]))
        let entry = try await c.submit(paperID: Self.second, day: today, by: UserRef(username: "ada"), at: Self.at)
        #expect(entry.position == 1 && entry.submitter?.username == "ada")
        await #expect(throws: PaperboyError.self) {
            try await c.submit(paperID: Self.second, day: today, by: UserRef(username: "alan"), at: Self.at)
        }
        #expect(try await stores.papers.feed(FeedQuery(days: today...today)).total == 2)
        #expect(try await c.removeEntry(paperID: Self.second, day: today))
        #expect(try await !c.removeEntry(paperID: Self.second, day: today))
    }

    @Test(arguments: Backend.all)
    func collectionsHaveUniqueSlugsAndPrivacy(backend: Backend) async throws {
        let (stores, ada, _) = try await seeded(backend)
        let c = stores.community
        let list = try await c.createCollection(ownerID: ada.id, name: "Reading list", description: "", isPublic: true, at: Self.at)
        let hidden = try await c.createCollection(ownerID: ada.id, name: "Reading list", description: "", isPublic: false, at: Self.at)
        #expect(list.slug == "reading-list" && hidden.slug == "reading-list-2")
        try await c.setInCollection(collectionID: list.id, paperID: Self.first, true, at: Self.at)
        try await c.setInCollection(collectionID: list.id, paperID: Self.first, true, at: Self.at)
        #expect(try await c.collection(owner: "ada", slug: "reading-list")?.paperIDs == [Self.first])
        #expect(try await c.collections(ownerID: ada.id, includePrivate: false).map(\.id) == [list.id])
        #expect(try await c.collections(ownerID: ada.id, includePrivate: true).count == 2)
        try await c.setInCollection(collectionID: list.id, paperID: Self.first, false, at: Self.at)
        #expect(try await c.collection(id: list.id)?.paperIDs == [])
        try await c.deleteCollection(id: hidden.id)
        #expect(try await c.collection(id: hidden.id) == nil)
    }

    @Test(arguments: Backend.all)
    func claimsArePendingUntilDecided(backend: Backend) async throws {
        let (stores, ada, _) = try await seeded(backend)
        let c = stores.community
        #expect(Set(try await c.paperIDs(author: Author.normalise("Ada Lovelace"), limit: 10)) == [Self.first, Self.second])
        let claim = try await c.claimAuthorship(userID: ada.id, paperID: Self.first, authorName: "ada lovelace", at: Self.at)
        #expect(claim.status == .pending && claim.authorName == "Ada Lovelace" && claim.username == "ada")
        await #expect(throws: PaperboyError.self) {
            try await c.claimAuthorship(userID: ada.id, paperID: Self.first, authorName: "Ada Lovelace", at: Self.at)
        }
        await #expect(throws: PaperboyError.self) {
            try await c.claimAuthorship(userID: ada.id, paperID: Self.second, authorName: "Nobody", at: Self.at)
        }
        #expect(try await c.claims(status: .pending, userID: nil, limit: 10).map(\.id) == [claim.id])
        #expect(try await c.decideClaim(id: claim.id, approve: true, at: Self.at).status == .approved)
        #expect(try await c.claims(status: .pending, userID: nil, limit: 10).isEmpty)
        #expect(try await c.claims(status: nil, userID: ada.id, limit: 10).map(\.status) == [.approved])
    }
}

import Foundation
import PaperboyCore
import Testing
@testable import PaperboyStore
@testable import PaperboyStorePostgres

/// `paperboy db copy`: an SQLite database with every aggregate in it, copied into PostgreSQL, reads the same
/// through the PostgreSQL stores; a second copy changes nothing; new rows on the copy get fresh ids.
@Suite("SQLite → PostgreSQL copy")
struct DatabaseCopyTests {
    @Test(.enabled(if: PostgresTestServer.isRequested, PostgresTestServer.skipReason))
    func everyAggregateIsCopiedOnceAndReadsTheSameOnPostgres() async throws {
        let path = TempDir.make().appendingPathComponent("source.sqlite").path
        let sqlite = try SQLiteDatabase(path: path)
        let source = Stores.sqlite(sqlite)
        let now = Date(timeIntervalSince1970: 1_760_000_000)
        let ids = ["2501.00001", "2501.00002", "2501.00003"]
        _ = try await source.papers.apply(ImportBatch(
            papers: ids.map { paper($0, votes: 3) },
            entries: ids.enumerated().map { DailyEntry(day: day("2025-01-06"), paperID: PaperID(unchecked: $0.element), position: $0.offset) }))
        let ada = try await source.accounts.createUser(username: "ada", email: "ada@example.org", passwordHash: "h1", at: now)
        let bob = try await source.accounts.createUser(username: "bob", email: "bob@example.org", passwordHash: "h2", at: now)
        let tokenHash = Data(repeating: 7, count: 32)
        _ = try await source.accounts.createToken(userID: ada.id, label: "cli", hash: tokenHash, at: now)
        try await source.accounts.putSessionRecord(key: "s1", value: Data("session".utf8), expiresAt: now.addingTimeInterval(3600),
                                                   onlyIfAbsent: false, now: now)
        try await source.accounts.recordLoginFailure(keys: ["ip:1.2.3.4"], at: now)
        let first = PaperID(unchecked: ids[0])
        _ = try await source.community.setUpvote(userID: ada.id, paperID: first, to: true, at: now)
        _ = try await source.community.setUpvote(userID: bob.id, paperID: first, to: true, at: now)
        let comment = try await source.community.addComment(userID: ada.id, paperID: first, parentID: nil, body: "Nice", at: now)
        _ = try await source.community.addComment(userID: bob.id, paperID: first, parentID: comment.id, body: "Agreed", at: now)
        let shelf = try await source.community.createCollection(ownerID: ada.id, name: "Reading", description: "", isPublic: true, at: now)
        try await source.community.setInCollection(collectionID: shelf.id, paperID: first, true, at: now)
        _ = try await source.community.claimAuthorship(userID: bob.id, paperID: first, authorName: "Alan Turing", at: now)
        _ = try await source.delivery.addConfirmed(email: "reader@example.org", frequency: .daily, now: now)
        _ = try await source.settings.setting("secret", default: "s3cr3t-kept-across-the-copy")
        let candidates = try await source.embeddings.embeddingCandidates(model: "m", after: nil, limit: 10)
        try await source.embeddings.saveEmbeddings(candidates.map {
            EmbeddingRecord(id: $0.id, contentHash: "h-\($0.id)", paperModifiedAt: $0.modifiedAt, vector: [0.25, -1, 3])
        }, model: "m")

        let url = try await PostgresTestServer.freshDatabase()
        let target = PostgresTestServer.pool(url)
        try await target.migrate()
        let reports = try await SQLiteToPostgresCopy(source: sqlite, target: target, batchSize: 2).run()
        #expect(reports.allSatisfy { $0.verified })
        #expect(reports.first { $0.table == "papers" }?.copied == 3)
        #expect(reports.first { $0.table == "users" }?.copied == 2)

        let copy = Stores.postgres(target)
        let stats = try await copy.papers.stats()
        #expect(stats.papers == 3 && stats.dailyEntries == 3)
        #expect(try await copy.papers.paper(first)?.upvotes == 5)                 // 3 imported + 2 local
        #expect(try await copy.accounts.user(tokenHash: tokenHash, at: now)?.username == "ada")
        #expect(try await copy.accounts.credentials(login: "bob")?.passwordHash == "h2")
        #expect(try await copy.accounts.sessionRecord(key: "s1", now: now)?.value == Data("session".utf8))
        #expect(try await copy.accounts.loginFailures(keys: ["ip:1.2.3.4"], since: now.addingTimeInterval(-60))["ip:1.2.3.4"] == 1)
        #expect(try await copy.community.upvoted(userID: bob.id, among: [first]) == [first])
        #expect(try await copy.community.comments(paperID: first, includeHidden: false).map(\.body) == ["Nice", "Agreed"])
        #expect(try await copy.community.collection(owner: "ada", slug: shelf.slug)?.name == "Reading")
        #expect(try await copy.community.claims(status: nil, userID: bob.id, limit: 10).count == 1)
        #expect(try await copy.delivery.subscriber(email: "reader@example.org")?.status == .confirmed)
        #expect(try await copy.settings.setting("secret", default: "other") == "s3cr3t-kept-across-the-copy")
        #expect(try await copy.embeddings.embedding(of: first, model: "m") == [0.25, -1, 3])
        #expect(try await copy.embeddings.embeddings(model: "m", afterSequence: 0, limit: 10).count == 3)
        #expect(try await copy.papers.feedHead() != nil)                           // the copied papers are on the feed

        // Again: nothing new. New rows on the copy get ids after the copied ones.
        let again = try await SQLiteToPostgresCopy(source: sqlite, target: target).run()
        #expect(again.allSatisfy { $0.copied == 0 && $0.verified })
        let carol = try await copy.accounts.createUser(username: "carol", email: "carol@example.org", passwordHash: "h3", at: now)
        #expect(carol.id > bob.id)
        let reply = try await copy.community.addComment(userID: carol.id, paperID: first, parentID: comment.id, body: "+1", at: now)
        #expect(reply.id > comment.id + 1)
    }
}

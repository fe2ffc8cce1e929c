import Foundation
import PaperboyCore
import Testing
@testable import PaperboyStore

/// Counts move in the same transaction as their rows (SCALE-OUT: "Comment count lost update"): many concurrent
/// comments and votes on two pools over one database (two processes), on every backend, leave exact counts.
@Suite("Community counts under concurrent writers")
struct CommunityConcurrencyTests {
    static let at = Date(timeIntervalSince1970: 1_717_000_000)
    static let id = PaperID(unchecked: "2401.00001")

    @Test(arguments: Backend.all)
    func concurrentCommentsAndVotesOnTwoPoolsKeepExactCounts(backend: Backend) async throws {
        let pools = try await backend.make(pools: 2)
        let (a, b) = (pools[0], pools[1])
        _ = try await a.papers.apply(ImportBatch(papers: [paper("2401.00001", votes: 5)]))
        var users: [User] = []
        for i in 0..<20 {
            users.append(try await a.accounts.createUser(username: "user\(i)", email: "user\(i)@example.org",
                                                        passwordHash: "h", at: Self.at))
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (i, user) in users.enumerated() {
                let store = i.isMultiple(of: 2) ? a : b
                group.addTask {
                    for n in 0..<3 {
                        _ = try await store.community.addComment(userID: user.id, paperID: Self.id, parentID: nil,
                                                                 body: "c\(n)", at: Self.at)
                    }
                    _ = try await store.community.setUpvote(userID: user.id, paperID: Self.id, to: true, at: Self.at)
                    _ = try await store.community.setUpvote(userID: user.id, paperID: Self.id, to: true, at: Self.at)
                }
            }
            try await group.waitForAll()
        }
        let detail = try #require(try await b.papers.paper(Self.id))
        #expect(detail.comments == 60)
        #expect(detail.upvotes == 25)
    }
}

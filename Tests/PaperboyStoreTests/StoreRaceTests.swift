import Foundation
import PaperboyCore
import PaperboyStore
import Testing

/// Races that used to double-send or double-count (SCALE-OUT.md), run on two pools over one database (two
/// processes) on every backend: each claim is won exactly once, and imports of the same papers merge.
@Suite("Races between two pools")
struct StoreRaceTests {
    static let now = Date(timeIntervalSince1970: 1_717_000_000)

    @Test(arguments: Backend.all)
    func twoSendersClaimEachDigestExactlyOnce(backend: Backend) async throws {
        let pools = try await backend.make(pools: 2)
        let emails = (0..<150).map { "reader\($0)@example.org" }
        let wins = try await withThrowingTaskGroup(of: [String].self) { group in
            for (n, stores) in pools.enumerated() {
                let lease = DigestLease(owner: "sender-\(n)", expiresAt: Self.now.addingTimeInterval(600))
                group.addTask {
                    var won: [String] = []
                    for email in emails where try await stores.delivery.claimDigest(
                        email: email, period: "daily:2024-06-01", lease: lease, now: Self.now) {
                        won.append(email)
                    }
                    return won
                }
            }
            return try await group.reduce(into: [String]()) { $0 += $1 }
        }
        #expect(wins.count == emails.count)
        #expect(Set(wins) == Set(emails))
        #expect(try await pools[0].delivery.digestCounts(period: "daily:2024-06-01") == ["sending": emails.count])
        // After the lease, a third sender takes a dead sender's rows over; never before.
        let late = DigestLease(owner: "sender-late", expiresAt: Self.now.addingTimeInterval(1200))
        #expect(try await !pools[1].delivery.claimDigest(email: emails[0], period: "daily:2024-06-01", lease: late,
                                                          now: Self.now.addingTimeInterval(599)))
        #expect(try await pools[1].delivery.claimDigest(email: emails[0], period: "daily:2024-06-01", lease: late,
                                                         now: Self.now.addingTimeInterval(600)))
        #expect(try await pools[0].delivery.digestClaimOwner(email: emails[0], period: "daily:2024-06-01") == "sender-late")
    }

    @Test(arguments: Backend.all)
    func concurrentImportsOfTheSamePapersInsertEachOnce(backend: Backend) async throws {
        let pools = try await backend.make(pools: 2)
        let papers = (0..<60).map { paper(String(format: "2402.%05d", $0)) }
        let counts = try await withThrowingTaskGroup(of: ImportCounts.self) { group in
            for stores in pools {
                group.addTask {
                    var total = ImportCounts()
                    for chunk in stride(from: 0, to: papers.count, by: 6) {
                        total = total + (try await stores.papers.apply(ImportBatch(papers: Array(papers[chunk..<chunk + 6]))))
                    }
                    return total
                }
            }
            return try await group.reduce(into: ImportCounts()) { $0 = $0 + $1 }
        }
        #expect(counts.papersInserted == papers.count)
        #expect(counts.papersUnchanged == papers.count)
        #expect(try await pools[1].papers.stats().papers == papers.count)
    }

    @Test(arguments: Backend.all)
    func concurrentFeaturingsOnOneDayGetDistinctPositions(backend: Backend) async throws {
        let pools = try await backend.make(pools: 2)
        let papers = (0..<20).map { paper(String(format: "2403.%05d", $0)) }
        _ = try await pools[0].papers.apply(ImportBatch(papers: papers))
        let today = day("2024-06-04")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (i, p) in papers.enumerated() {
                let stores = pools[i % 2]
                group.addTask { _ = try await stores.papers.feature(p.id, on: today, by: nil, at: Self.now, storing: []) }
            }
            try await group.waitForAll()
        }
        let feed = try await pools[1].papers.feed(FeedQuery(days: today...today, sort: .publishedAt, limit: 100))
        #expect(feed.items.map(\.entry.position).sorted() == Array(0..<20))
    }
}

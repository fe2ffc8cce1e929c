import Foundation
import PaperboyCore
import PaperboyStore
import Testing

/// The change feed under concurrent writers: writers on their own pools (as processes) over one database and a
/// follower polling all the while on another, on every backend (PostgreSQL: four writers). The follower must see every paper exactly once — SCALE-OUT.md
/// measured the old `modified_at` cursor missing 1,632 of 2,000 changes in this shape.
@Suite("Change feed")
struct ChangeFeedTests {
    @Test(arguments: Backend.all)
    func aFollowerPollingDuringConcurrentWritersSeesEveryChangeExactlyOnce(backend: Backend) async throws {
        let writerCount = backend.name == "sqlite" ? 2 : 4
        let pools = try await backend.make(pools: writerCount + 1)
        let writers = Array(pools.dropFirst())
        let follower = pools[0].papers
        let perWriter = 800 / writerCount
        let done = Flag()
        async let seen: [String] = {
            var cursor: ChangeCursor?
            var ids: [String] = []
            var lastPass = false
            while true {
                let batch = try await follower.changes(after: cursor, limit: 37)
                ids += batch.map(\.id.rawValue)
                if let last = batch.last?.cursor {
                    #expect(cursor.map { last > $0 } ?? true)
                    cursor = last
                }
                if batch.isEmpty {
                    if lastPass { return ids }
                    if done.isSet { lastPass = true }      // one more pass after the writers finished
                    try await Task.sleep(for: .milliseconds(1))
                }
            }
        }()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (w, stores) in writers.enumerated() {
                group.addTask {
                    for i in 0..<perWriter {
                        let id = String(format: "25%02d.%05d", w + 1, i + 1)
                        _ = try await stores.papers.apply(ImportBatch(papers: [paper(id, votes: i % 3)]))
                    }
                }
            }
            try await group.waitForAll()
        }
        done.set()
        let ids = try await seen
        #expect(ids.count == writerCount * perWriter)
        #expect(Set(ids).count == writerCount * perWriter)
        #expect(try await follower.feedHead() == (try await follower.changes(after: nil, limit: 10_000)).last?.cursor)
    }

    @Test(arguments: Backend.all)
    func aPaperChangedAgainComesAgainAndARemovalIsAChange(backend: Backend) async throws {
        let stores = try await backend.make()
        #expect(try await stores.papers.feedHead() == nil)
        _ = try await stores.papers.apply(ImportBatch(papers: [paper("2401.00001"), paper("2401.00002")]))
        let first = try await stores.papers.changes(after: nil, limit: 10)
        #expect(first.map(\.id.rawValue) == ["2401.00001", "2401.00002"])
        let cursor = first.last?.cursor
        #expect(try await stores.papers.changes(after: cursor, limit: 10).isEmpty)
        _ = try await stores.papers.apply(ImportBatch(papers: [paper("2401.00001", title: "A new title", updated: 200)]))
        _ = try await stores.papers.remove([PaperID(unchecked: "2401.00002")])
        let next = try await stores.papers.changes(after: cursor, limit: 10)
        #expect(next.map(\.id.rawValue) == ["2401.00001", "2401.00002"])
        #expect(next[0].paper?.title == "A new title" && next[1].paper == nil)
        #expect(try await stores.papers.feedHead() == next.last?.cursor)
    }
}

final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}

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
            return try await follow(until: done) {
                let batch = try await follower.changes(after: cursor, limit: 37)
                if let last = batch.last?.cursor {
                    #expect(cursor.map { last > $0 } ?? true)
                    cursor = last
                }
                return batch.map(\.id.rawValue)
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

    /// The vector feed under concurrent embedders (the design doc measured duplicated sequence numbers): every
    /// vector saved by any writer is seen by a follower polling all the while, exactly once, in increasing order.
    @Test(arguments: Backend.all)
    func aVectorFollowerDuringConcurrentEmbeddersSeesEveryVectorExactlyOnce(backend: Backend) async throws {
        let writerCount = backend.name == "sqlite" ? 2 : 4
        let pools = try await backend.make(pools: writerCount + 1)
        let writers = Array(pools.dropFirst())
        let follower = pools[0].embeddings
        let perWriter = 400 / writerCount
        let ids = (0..<writerCount).map { w in (0..<perWriter).map { String(format: "26%02d.%05d", w + 1, $0 + 1) } }
        _ = try await pools[0].papers.apply(ImportBatch(papers: ids.joined().map { paper($0) }))
        let modifiedAt = Dictionary(uniqueKeysWithValues: try await follower.embeddingCandidates(model: "m", after: nil, limit: 1000)
            .map { ($0.id.rawValue, $0.modifiedAt) })
        #expect(modifiedAt.count == writerCount * perWriter)
        let done = Flag()
        async let seen: [String] = {
            var sequence: Int64 = 0
            return try await follow(until: done) {
                let batch = try await follower.embeddings(model: "m", afterSequence: sequence, limit: 29)
                for vector in batch {
                    #expect(vector.sequence > sequence)
                    sequence = vector.sequence
                }
                return batch.map(\.id.rawValue)
            }
        }()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (w, stores) in writers.enumerated() {
                group.addTask {
                    for id in ids[w] {
                        try await stores.embeddings.saveEmbeddings(
                            [EmbeddingRecord(id: PaperID(unchecked: id), contentHash: "h", paperModifiedAt: modifiedAt[id] ?? 0,
                                             vector: [1, 0, 0])],
                            model: "m")
                    }
                }
            }
            try await group.waitForAll()
        }
        done.set()
        let vectors = try await seen
        #expect(vectors.count == writerCount * perWriter)
        #expect(Set(vectors) == Set(ids.joined()))
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

/// A follower's loop: reads `next` batches until the writers are `done` and one more pass after that comes back
/// empty (so changes committed just before `done` are still read); everything read, in order.
private func follow(until done: Flag, _ next: () async throws -> [String]) async throws -> [String] {
    var seen: [String] = []
    var lastPass = false
    while true {
        let batch = try await next()
        seen += batch
        if batch.isEmpty {
            if lastPass { return seen }
            if done.isSet { lastPass = true }
            try await Task.sleep(for: .milliseconds(1))
        }
    }
}

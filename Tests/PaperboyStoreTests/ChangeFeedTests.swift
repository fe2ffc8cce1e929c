import Foundation
import PaperboyCore
import PaperboyStore
import Testing

/// The change feed under concurrent writers: two writers on two pools (as two processes) over one SQLite file and a
/// follower polling all the while on a third. The follower must see every paper exactly once — SCALE-OUT.md
/// measured the old `modified_at` cursor missing 1,632 of 2,000 changes in this shape.
@Suite("Change feed")
struct ChangeFeedTests {
    @Test func aFollowerPollingDuringTwoWritersSeesEveryChangeExactlyOnce() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("feed-\(UUID().uuidString).sqlite").path
        let writers = [try Stores.sqlite(path: path), try Stores.sqlite(path: path)]
        let follower = try Stores.sqlite(path: path).papers
        let perWriter = 400
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
        #expect(ids.count == 2 * perWriter)
        #expect(Set(ids).count == 2 * perWriter)
        #expect(try await follower.feedHead() == (try await follower.changes(after: nil, limit: 10_000)).last?.cursor)
    }

    @Test func aPaperChangedAgainComesAgainAndARemovalIsAChange() async throws {
        let stores = try Stores.sqlite(path: FileManager.default.temporaryDirectory
            .appendingPathComponent("feed-\(UUID().uuidString).sqlite").path)
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

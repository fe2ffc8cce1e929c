import Foundation
import GRDB
import PaperboyBench
import PaperboyCore
import PaperboyStore
import Testing

/// `paperboy eval recommend` on a fixture whose answers are known: two readers who each submit their own group's
/// papers, a bulk submitter and a reader with too short a history (both left out), and popular filler papers.
@Suite("eval recommend: known answers")
struct RecommendationEvalTests {
    static let cutoff = try! Day(parsing: "2026-03-10")

    func fixture() async throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rec-eval-\(UUID().uuidString).sqlite").path
        let stores = try Stores.sqlite(path: path)
        var papers: [Paper] = []
        var entries: [DailyEntry] = []
        func add(_ n: Int, group: String, upvotes: Int, day: Day, by submitter: String) {
            let id = PaperID(unchecked: String(format: "2603.%05d", n))
            papers.append(Paper(id: id, title: "Paper \(n)", abstract: "Work number \(n).",
                                authors: [Author(name: group), Author(name: "Helper \(n)")], categories: ["cs.LG"],
                                importedUpvotes: upvotes, source: "hf-daily"))
            entries.append(DailyEntry(day: day, paperID: id, position: n, submitter: UserRef(username: submitter)))
        }
        for i in 1...5 {
            add(i, group: "Ann Group", upvotes: 1, day: Self.cutoff.advanced(by: -i), by: "ann")
            add(10 + i, group: "Bob Lab", upvotes: 1, day: Self.cutoff.advanced(by: -i), by: "bob")
            add(20 + i, group: "Crowd", upvotes: 1, day: Self.cutoff.advanced(by: -i), by: "akhaliq")
        }
        for i in 1...3 { add(30 + i, group: "Cat Team", upvotes: 1, day: Self.cutoff.advanced(by: -i), by: "cat") }
        add(6, group: "Ann Group", upvotes: 0, day: Self.cutoff, by: "ann")
        add(7, group: "Ann Group", upvotes: 0, day: Self.cutoff.advanced(by: 3), by: "ann")
        add(16, group: "Bob Lab", upvotes: 0, day: Self.cutoff.advanced(by: 1), by: "bob")
        add(17, group: "Bob Lab", upvotes: 0, day: Self.cutoff.advanced(by: 9), by: "bob")
        add(34, group: "Cat Team", upvotes: 0, day: Self.cutoff.advanced(by: 2), by: "cat")
        add(35, group: "Cat Team", upvotes: 0, day: Self.cutoff.advanced(by: 2), by: "cat")
        for i in 1...6 { add(40 + i, group: "Popular \(i)", upvotes: 100 + i, day: Self.cutoff.advanced(by: i), by: "akhaliq") }
        add(50, group: "Ann Group", upvotes: 0, day: Self.cutoff.advanced(by: 10), by: "ann") // after the window
        _ = try await stores.papers.apply(ImportBatch(papers: papers, entries: entries))
        return path
    }

    @Test func theModelFindsEachReadersGroupAndTheBaselinesScoreAsComputedByHand() async throws {
        let path = try await fixture()
        let result = try await RecommendationEval(databasePath: path).run(cutoff: Self.cutoff, days: 10)
        #expect(result.readers == 2, "ann and bob; not akhaliq (bulk) nor cat (3 papers before the cutoff)")
        #expect(result.candidates == 12, "4 of ann and bob, 2 of cat, 6 popular; not the paper after the window")
        let model = try #require(result.scores["model"])
        #expect(model.ndcg20 == 1 && model.recall50 == 1)
        #expect(result.scores["author_overlap"]?.ndcg20 == 1 && result.scores["author_overlap"]?.recall50 == 1)
        // Popularity: the six popular papers, then the unvoted ones by id: ann's at 7–8, bob's at 9–10
        // (cat's 34, 35 come after).
        let ideal = 1 + 1 / log2(3.0)
        let ann = (1 / log2(8.0) + 1 / log2(9.0)) / ideal
        let bob = (1 / log2(10.0) + 1 / log2(11.0)) / ideal
        let popularity = try #require(result.scores["popularity"])
        #expect(abs(popularity.ndcg20 - (ann + bob) / 2) < 1e-9)
        #expect(popularity.recall50 == 1)
        #expect(result.vectorCoverage == 0)
    }

    @Test func theDatabaseItselfIsNeverWritten() async throws {
        let path = try await fixture()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        _ = try await RecommendationEval(databasePath: path).run(cutoff: Self.cutoff, days: 10)
        let queue = try DatabaseQueue(path: path)
        let (users, submitters) = try await queue.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM users") ?? -1,
             try Int.fetchOne(db, sql: "SELECT count(*) FROM daily_entries WHERE submitter_username IS NOT NULL") ?? -1)
        }
        #expect(users == 0 && submitters == 31)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }
}

import Foundation
import GRDB
import PaperboyCore
import Testing
@testable import PaperboyStore

/// The same behaviour is required of every ``PaperStore``; each test runs against both.
enum StoreKind: String, CaseIterable, CustomTestStringConvertible {
    case sqlite, memory
    var testDescription: String { rawValue }

    func make() throws -> any PaperStore {
        switch self {
        case .memory: return InMemoryPaperStore()
        case .sqlite: return try SQLitePaperStore(path: TempDir.make().appendingPathComponent("t.sqlite").path)
        }
    }
}

enum TempDir {
    static func make() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("paperboy-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

func paper(_ id: String, votes: Int = 0, title: String? = nil, source: String = "hf-daily", updated: Double = 100) -> Paper {
    Paper(id: PaperID(unchecked: id), title: title ?? "Paper \(id)", abstract: "About \(id).",
          authors: [Author(name: "Ada Lovelace"), Author(name: "Alan Turing", user: UserRef(username: "alan"))],
          categories: ["cs.LG", "cs.AI"], publishedAt: Date(timeIntervalSince1970: 1_700_000_000),
          aiKeywords: ["k1"], organization: Organization(name: "org"), importedUpvotes: votes, source: source,
          sourceUpdatedAt: Date(timeIntervalSince1970: updated), communityUpdatedAt: Date(timeIntervalSince1970: updated))
}

func day(_ s: String) -> Day { try! Day(parsing: s) }

@Suite("Paper stores")
struct StoreTests {
    @Test(arguments: StoreKind.allCases)
    func roundTripsAPaperExactly(kind: StoreKind) async throws {
        let store = try kind.make()
        let p = paper("2405.15738", votes: 7)
        let entry = DailyEntry(day: day("2024-05-27"), paperID: p.id, position: 0,
                               submitter: UserRef(username: "akhaliq", fullname: "AK"),
                               submittedAt: Date(timeIntervalSince1970: 1_716_800_000))
        _ = try await store.apply(ImportBatch(papers: [p], entries: [entry]))
        let detail = try await required(store.paper(p.id))
        #expect(detail.paper == p)
        #expect(detail.upvotes == 7)
        #expect(detail.entries == [entry])
        let v1 = try await store.paper(PaperID(unchecked: "2405.99999"))
        #expect(v1 == nil)
    }

    @Test(arguments: StoreKind.allCases)
    func secondApplyIsANoOpAndNewerRecordsUpdate(kind: StoreKind) async throws {
        let store = try kind.make()
        let batch = ImportBatch(papers: [paper("2401.00001"), paper("2401.00002")],
                                entries: [DailyEntry(day: day("2024-01-02"), paperID: PaperID(unchecked: "2401.00001"), position: 0)])
        let first = try await store.apply(batch)
        #expect(first.papersInserted == 2 && first.entriesInserted == 1)
        let second = try await store.apply(batch)
        #expect(!second.changedAnything)
        #expect(second.papersUnchanged == 2 && second.entriesUnchanged == 1)
        let newer = try await store.apply(ImportBatch(papers: [paper("2401.00001", votes: 9, updated: 200)]))
        #expect(newer.papersUpdated == 1)
        let v2 = try await store.paper(PaperID(unchecked: "2401.00001"))?.upvotes
        #expect(v2 == 9)
        let older = try await store.apply(ImportBatch(papers: [paper("2401.00001", votes: 1, updated: 50)]))
        #expect(older.papersUnchanged == 1)
        let v3 = try await store.paper(PaperID(unchecked: "2401.00001"))?.upvotes
        #expect(v3 == 9)
    }

    @Test(arguments: StoreKind.allCases)
    func aFailingBatchWritesNothing(kind: StoreKind) async throws {
        let store = try kind.make()
        let bad = ImportBatch(papers: [paper("2401.00001")],
                              entries: [DailyEntry(day: day("2024-01-02"), paperID: PaperID(unchecked: "2401.09999"), position: 0)])
        await #expect(throws: PaperboyError.self) { try await store.apply(bad) }
        let v4 = try await store.stats().papers
        #expect(v4 == 0)
    }

    @Test(arguments: StoreKind.allCases)
    func feedsFilterSortAndPage(kind: StoreKind) async throws {
        let store = try kind.make()
        var papers: [Paper] = []
        var entries: [DailyEntry] = []
        for i in 0..<30 {
            let p = paper(String(format: "2406.%05d", i), votes: (i * 7) % 11)
            papers.append(p)
            let d = day("2024-06-03").advanced(by: i / 10)   // 3 days × 10 papers
            entries.append(DailyEntry(day: d, paperID: p.id, position: i % 10,
                                      submitter: UserRef(username: i % 2 == 0 ? "even" : "odd")))
        }
        _ = try await store.apply(ImportBatch(papers: papers, entries: entries))
        let dayPage = try await store.feed(FeedQuery(days: day("2024-06-04")...day("2024-06-04"), sort: .upvotes))
        #expect(dayPage.total == 10)
        #expect(dayPage.items.map(\.upvotes) == dayPage.items.map(\.upvotes).sorted(by: >))
        let byDate = try await store.feed(FeedQuery(sort: .publishedAt, limit: 5, offset: 8))
        #expect(byDate.total == 30)
        #expect(byDate.items.map(\.entry.position) == [8, 9, 0, 1, 2])
        #expect(byDate.items.map(\.entry.day) == [day("2024-06-05"), day("2024-06-05"), day("2024-06-04"), day("2024-06-04"), day("2024-06-04")])
        let mine = try await store.feed(FeedQuery(submitter: "odd", sort: .publishedAt, limit: 100))
        #expect(mine.total == 15 && mine.items.allSatisfy { $0.entry.submitter?.username == "odd" })
        let trending = try await store.feed(FeedQuery(sort: .trending, limit: 3, now: Date(timeIntervalSince1970: day("2024-06-06").secondsSinceEpoch)))
        #expect(trending.items.count == 3 && trending.total == 30)
        let v5 = try await store.dayBounds()
        #expect(v5 == day("2024-06-03")...day("2024-06-05"))
        let n = try await store.neighbours(of: day("2024-06-04"))
        #expect(n.previous == day("2024-06-03") && n.next == day("2024-06-05"))
        let edge = try await store.neighbours(of: day("2024-06-03"))
        #expect(edge.previous == nil)
        let stats = try await store.stats()
        #expect(stats == StoreStats(papers: 30, dailyEntries: 30, days: 3, firstDay: day("2024-06-03"), lastDay: day("2024-06-05")))
        var seen: [PaperID] = []
        var cursor: PaperID?
        while true {
            let chunk = try await store.papers(after: cursor, limit: 7)
            if chunk.isEmpty { break }
            seen += chunk.map(\.id)
            cursor = chunk.last?.id
        }
        #expect(seen == papers.map(\.id).sorted())
    }

    @Test(arguments: StoreKind.allCases)
    func removalsCascadeAndShowInTheChangeStream(kind: StoreKind) async throws {
        let store = try kind.make()
        let p = paper("2401.00001")
        _ = try await store.apply(ImportBatch(papers: [p, paper("2401.00002")],
                                              entries: [DailyEntry(day: day("2024-01-02"), paperID: p.id, position: 0)]))
        let before = try await store.changes(after: nil, limit: 10)
        #expect(before.map(\.id.rawValue).sorted() == ["2401.00001", "2401.00002"])
        let cursor = before.last?.cursor
        #expect(try await store.remove([p.id, PaperID(unchecked: "2401.09999")]) == 1)
        let v = try await store.paper(p.id)
        #expect(v == nil)
        let stats = try await store.stats()
        #expect(stats.papers == 1 && stats.dailyEntries == 0)
        let after = try await store.changes(after: cursor, limit: 10)
        #expect(after.count == 1 && after[0].id == p.id && after[0].paper == nil)
        _ = try await store.apply(ImportBatch(papers: [p]))
        let again = try await store.changes(after: after[0].cursor, limit: 10)
        #expect(again.count == 1 && again[0].paper == p)
    }

    @Test func sqliteEnforcesItsInvariants() throws {
        let dir = TempDir.make()
        let store = try SQLiteDatabase(path: dir.appendingPathComponent("db.sqlite").path)
        let (mode, foreignKeys) = try store.writer.read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA foreign_keys"))
        }
        #expect(mode == "wal")
        #expect(foreignKeys == 1)
        #expect(throws: (any Error).self) {
            try store.writer.write { db in
                try db.execute(sql: "INSERT INTO papers (id, title, source, imported_upvotes) VALUES ('x', 't', 's', -1)")
            }
        }
        #expect(throws: (any Error).self) {
            try store.writer.write { db in
                try db.execute(sql: "INSERT INTO daily_entries (day, paper_id, position) VALUES ('2024-01-01', 'missing', 0)")
            }
        }
        // Re-opening migrates nothing twice.
        _ = try SQLiteDatabase(path: dir.appendingPathComponent("db.sqlite").path)
    }
}

/// Unwraps an optional result or fails the test with a clear message.
func required<T>(_ value: T?, _ what: String = "value", sourceLocation: SourceLocation = #_sourceLocation) throws -> T {
    try #require(value, "\(what) was nil", sourceLocation: sourceLocation)
}

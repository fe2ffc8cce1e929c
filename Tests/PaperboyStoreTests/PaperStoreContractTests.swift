import Foundation
import PaperboyCore
import Testing
@testable import PaperboyStore

@Suite("PaperStore contract")
struct PaperStoreContractTests {
    @Test(arguments: PaperBackend.all)
    func roundTripsAPaperExactly(backend: PaperBackend) async throws {
        let store = try await backend.make()
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

    @Test(arguments: PaperBackend.all)
    func secondApplyIsANoOpAndNewerRecordsUpdate(backend: PaperBackend) async throws {
        let store = try await backend.make()
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

    @Test(arguments: PaperBackend.all)
    func aFailingBatchWritesNothing(backend: PaperBackend) async throws {
        let store = try await backend.make()
        let bad = ImportBatch(papers: [paper("2401.00001")],
                              entries: [DailyEntry(day: day("2024-01-02"), paperID: PaperID(unchecked: "2401.09999"), position: 0)])
        await #expect(throws: PaperboyError.self) { try await store.apply(bad) }
        let v4 = try await store.stats().papers
        #expect(v4 == 0)
    }

    @Test(arguments: PaperBackend.all)
    func feedsFilterSortAndPage(backend: PaperBackend) async throws {
        let store = try await backend.make()
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

    @Test(arguments: PaperBackend.all)
    func removalsCascadeAndShowInTheChangeStream(backend: PaperBackend) async throws {
        let store = try await backend.make()
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

    @Test(arguments: PaperBackend.all)
    func featuringAppendsAfterTheDaysLastEntryOnce(backend: PaperBackend) async throws {
        let store = try await backend.make()
        let today = day("2024-06-04")
        _ = try await store.apply(ImportBatch(papers: [paper("2401.00001"), paper("2401.00002")],
                                              entries: [DailyEntry(day: today, paperID: PaperID(unchecked: "2401.00001"), position: 3)]))
        let at = Date(timeIntervalSince1970: today.secondsSinceEpoch + 60)
        let known = try await store.feature(PaperID(unchecked: "2401.00002"), on: today, by: UserRef(username: "ada"), at: at,
                                            storing: [])
        #expect(known == DailyEntry(day: today, paperID: PaperID(unchecked: "2401.00002"), position: 4,
                                    submitter: UserRef(username: "ada"), submittedAt: at))
        #expect(try await store.feature(PaperID(unchecked: "2401.00002"), on: today, by: nil, at: at, storing: []) == nil)
        // A paper stored by the same call (just fetched) is featured with it; another day starts at 0.
        let fetched = try await store.feature(PaperID(unchecked: "2401.00003"), on: today, by: nil, at: at,
                                              storing: [paper("2401.00003")])
        #expect(fetched?.position == 5)
        #expect(try await store.paper(PaperID(unchecked: "2401.00003"))?.entries.map(\.day) == [today])
        #expect(try await store.feature(PaperID(unchecked: "2401.00001"), on: day("2024-06-05"), by: nil, at: at, storing: [])?
            .position == 0)
        await #expect(throws: PaperboyError.self) {
            try await store.feature(PaperID(unchecked: "2401.09999"), on: today, by: nil, at: at, storing: [])
        }
        #expect(try await store.stats().dailyEntries == 4)
    }
}

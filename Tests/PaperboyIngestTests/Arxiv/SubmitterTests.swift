import Foundation
import PaperboyCore
import PaperboyStore
import Testing
@testable import PaperboyIngest

@Suite("Submit a paper by arXiv id")
struct SubmitterTests {
    static let now = Timestamp.parse("2026-11-29T10:00:00Z")!
    static let today = Day(secondsSinceEpoch: now.timeIntervalSince1970)

    static func submitter(_ store: any PaperStore, _ script: [ScriptedFetcher.Answer]) -> (ArxivSubmitter, ScriptedFetcher) {
        let clock = VirtualClock()
        let fetcher = ScriptedFetcher(clock: clock, script)
        let http = PoliteFetcher(settings: testSettings(), fetcher: fetcher, clock: clock)
        return (ArxivSubmitter(store: store, api: ArxivAPIClient(http: http), clock: { now }), fetcher)
    }

    @Test func aKnownPaperIsFeaturedTodayWithoutAskingArxiv() async throws {
        let store = try memorySQLiteStore()
        let other = Paper(id: PaperID(unchecked: "2405.00001"), title: "Already today", source: "hf-daily")
        let known = Paper(id: PaperID(unchecked: "2405.15738"), title: "ConvLLaVA", source: "kaggle")
        _ = try await store.apply(ImportBatch(papers: [other, known], entries: [DailyEntry(day: Self.today, paperID: other.id, position: 0)]))
        let (submitter, fetcher) = Self.submitter(store, [])
        let result = try await submitter.submit(try ArxivID(parsing: "https://arxiv.org/abs/2405.15738v2"), submitter: nil)
        #expect(!result.fetched && !result.alreadyFeatured && result.day == Self.today)
        #expect(result.detail.entries.map(\.day) == [Self.today] && result.detail.entries[0].position == 1)
        #expect(result.detail.entries[0].submittedAt == Self.now)
        #expect(fetcher.requests.isEmpty)
        let again = try await submitter.submit(try ArxivID(parsing: "2405.15738"), submitter: nil)
        #expect(again.alreadyFeatured && again.detail.entries.count == 1)
        #expect(try await store.stats().dailyEntries == 2)
    }

    @Test func anUnknownPaperIsFetchedStoredAndFeatured() async throws {
        let store = try memorySQLiteStore()
        let (submitter, fetcher) = Self.submitter(store, [.success(.xml(APIPages.page(2..<3, total: 1, start: 0)))])
        let result = try await submitter.submit(try ArxivID(parsing: "2611.10002"), submitter: UserRef(username: "ada"))
        #expect(result.fetched && result.detail.paper.source == "arxiv-api" && result.detail.paper.title == "API paper 2")
        #expect(result.detail.entries.first?.submitter?.username == "ada" && result.detail.entries.first?.day == Self.today)
        let query = try #require(fetcher.requests.first?.url.query)
        #expect(query.contains("id_list=2611.10002"))
    }

    @Test func arxivUnreachableStoresNothing() async throws {
        let store = try memorySQLiteStore()
        let (submitter, _) = Self.submitter(store, [.failure(.timeout), .failure(.transport("refused")), .failure(.timeout)])
        let error = await #expect(throws: PaperboyError.self) { try await submitter.submit(try ArxivID(parsing: "2611.10002"), submitter: nil) }
        #expect(error?.code == .unavailable)
        #expect(try await store.stats() == StoreStats(papers: 0, dailyEntries: 0, days: 0, firstDay: nil, lastDay: nil))
    }

    @Test func anIdArxivDoesNotKnowIsNotFound() async throws {
        let store = try memorySQLiteStore()
        let (submitter, _) = Self.submitter(store, [.success(.xml(APIPages.page(0..<0, total: 0, start: 0)))])
        let error = await #expect(throws: PaperboyError.self) { try await submitter.submit(try ArxivID(parsing: "2611.99999"), submitter: nil) }
        #expect(error?.code == .notFound)
        #expect(try await store.stats().papers == 0)
    }

    /// Featuring reads the day's positions in its write transaction: 24 papers submitted at once through two
    /// connections pools on one SQLite file (two processes, in effect) get 24 distinct positions after the
    /// day's existing entry, and 8 racing submits of one paper feature it once.
    @Test func concurrentFeaturingNeverCollides() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("paperboy-feature-\(UUID().uuidString).sqlite").path
        let first = try SQLitePaperStore(path: path)
        let second = try SQLitePaperStore(path: path)
        let ids = (0..<24).map { String(format: "2405.%05d", 20_000 + $0) }
        let papers = ids.map { Paper(id: PaperID(unchecked: $0), title: "Paper \($0)", source: "kaggle") }
        let existing = Paper(id: PaperID(unchecked: "2405.00001"), title: "Already today", source: "hf-daily")
        _ = try await first.apply(ImportBatch(papers: papers + [existing],
                                              entries: [DailyEntry(day: Self.today, paperID: existing.id, position: 0)]))
        let submitters = [Self.submitter(first, []).0, Self.submitter(second, []).0]
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (i, id) in ids.enumerated() {
                group.addTask {
                    let result = try await submitters[i % 2].submit(try ArxivID(parsing: id), submitter: UserRef(username: "u\(i)"))
                    #expect(!result.alreadyFeatured)
                }
            }
            try await group.waitForAll()
        }
        let day = try await first.feed(FeedQuery(days: Self.today...Self.today, sort: .publishedAt, limit: 100))
        #expect(day.total == 25)
        #expect(day.items.map(\.entry.position).sorted() == Array(0...24))

        let racing = try await withThrowingTaskGroup(of: Bool.self) { group in
            for i in 0..<8 {
                group.addTask { try await submitters[i % 2].submit(try ArxivID(parsing: "2405.00001"), submitter: nil).alreadyFeatured }
            }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(racing.allSatisfy { $0 }, "it was featured before the race")
        let lone = Paper(id: PaperID(unchecked: "2405.30000"), title: "Raced", source: "kaggle")
        _ = try await first.apply(ImportBatch(papers: [lone]))
        let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
            for i in 0..<8 {
                group.addTask { try await submitters[i % 2].submit(try ArxivID(parsing: "2405.30000"), submitter: nil).alreadyFeatured }
            }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(outcomes.filter { !$0 }.count == 1, "exactly one submit features it")
        let detail = try #require(try await second.paper(lone.id))
        #expect(detail.entries.map(\.position) == [25])
    }
}

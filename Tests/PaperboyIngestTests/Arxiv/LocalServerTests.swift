import Foundation
import Hummingbird
import PaperboyCore
import PaperboyStore
import Testing
@testable import PaperboyIngest

/// Counts requests per key, so routes can misbehave on a chosen try.
actor HitCounter {
    private var hits: [String: Int] = [:]
    private(set) var userAgents: Set<String> = []

    /// Records a hit for `key` and returns how many there were, this one included.
    func hit(_ key: String, userAgent: String? = nil) -> Int {
        if let userAgent { userAgents.insert(userAgent) }
        hits[key, default: 0] += 1
        return hits[key]!
    }

    func count(_ key: String) -> Int { hits[key] ?? 0 }
}

/// The clients against a real HTTP server on 127.0.0.1 (AsyncHTTPClient over loopback) that paginates,
/// throttles, delays, truncates and serves garbage. Spacing runs on a virtual clock, so nothing waits for it.
@Suite("arXiv clients against a local server")
struct LocalServerTests {
    /// 10 OAI records in pages of 3 (tokens t1, t2, t3); `misbehave(token, try)` may replace a page.
    static func oaiRouter(_ hits: HitCounter, misbehave: @escaping @Sendable (String, Int) -> Response? = { _, _ in nil })
        -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/oai") { request, _ -> Response in
            let token = request.uri.queryParameters.get("resumptionToken") ?? "t0"
            let n = await hits.hit(token, userAgent: request.headers[.userAgent])
            if let bad = misbehave(token, n) { return bad }
            guard let page = Int(token.dropFirst()), (0...3).contains(page) else { return reply(OAIPages.error("badResumptionToken")) }
            let end = min(10, page * 3 + 3)
            return reply(OAIPages.page((page * 3)..<end, token: end < 10 ? "t\(page + 1)" : nil, total: 10))
        }
        return router
    }

    static func harvester(_ base: URL, _ store: any HarvestLedger, clock: VirtualClock,
                          tweak: (inout ArxivSettings) -> Void = { _ in }) -> OAIHarvester {
        var settings = testSettings(base)
        tweak(&settings)
        return OAIHarvester(http: PoliteFetcher(settings: settings, fetcher: AsyncHTTPFetcher(), clock: clock), store: store)
    }

    static func ids(_ store: any PaperStore) async throws -> [String] {
        try await store.papers(after: nil, limit: 1000).map(\.id.rawValue)
    }

    static let allTen = (0..<10).map { String(format: "2611.%05d", $0) }

    @Test func oaiHarvestFollowsTokensAndHonours503RetryAfter() async throws {
        let hits = HitCounter()
        let router = Self.oaiRouter(hits) { token, n in
            token == "t1" && n == 1 ? reply("busy", status: .serviceUnavailable, type: "text/plain", headers: [("Retry-After", "30")]) : nil
        }
        try await withLocalServer(router) { base in
            let store = try memorySQLiteStores()
            let clock = VirtualClock()
            let harvester = Self.harvester(base, store.harvest, clock: clock)
            let report = try await harvester.harvest(OAIHarvestRequest(set: "cs"))
            try await harvester.http.close()
            #expect(report.completed && report.pages == 4 && report.records == 10 && report.expectedTotal == 10)
            #expect(report.counts.papersInserted == 10)
            #expect(try await Self.ids(store.papers) == Self.allTen)
            #expect(await hits.count("t1") == 2, "the 503 was retried")
            #expect(clock.sleeps.contains { $0 >= .seconds(30) }, "Retry-After: 30 was honoured (\(clock.sleeps))")
            #expect(await hits.userAgents.allSatisfy { $0.contains("mailto:tests@example.org") })
            let position = try await store.harvest.harvestPosition(OAIHarvestRequest(set: "cs").key)
            #expect(position == HarvestPosition(cursor: 10, pages: 4, records: 10, completed: true))
            let p = try #require(try await store.papers.paper(PaperID(unchecked: "2611.00004")))
            #expect(p.paper.source == "arxiv-oai" && p.paper.title == "Synthetic paper 4" && p.paper.authors.map(\.name) == ["Some Author4"])
            #expect(p.entries.isEmpty, "harvests do not feature papers")
        }
    }

    @Test func aBadPageStopsTheHarvestAndTheNextRunResumesThere() async throws {
        let hits = HitCounter()
        let router = Self.oaiRouter(hits) { token, n in
            switch (token, n) {
            case ("t2", 1): return reply("<OAI-PMH><ListRecords><record><hea")              // truncated
            case ("t2", 2): return reply("\u{0}\u{1}garbage{}", type: "text/xml")         // garbage
            case ("t2", 3): return reply("<html>maintenance</html>", type: "text/html")  // wrong type
            default: return nil
            }
        }
        try await withLocalServer(router) { base in
            let store = try memorySQLiteStores()
            let harvester = Self.harvester(base, store.harvest, clock: VirtualClock())
            let request = OAIHarvestRequest(set: "cs", from: try Day(parsing: "2026-11-01"))
            for attempt in 1...3 {
                let error = await #expect(throws: PaperboyError.self, "attempt \(attempt)") { try await harvester.harvest(request) }
                #expect(error?.code == .upstream, "attempt \(attempt): \(String(describing: error))")
                #expect(try await Self.ids(store.papers) == Array(Self.allTen.prefix(6)), "pages 1–2 are stored, nothing of page 3")
                let position = try await store.harvest.harvestPosition(request.key)
                #expect(position?.resumptionToken == "t2" && position?.pages == 2 && position?.completed == false)
            }
            let report = try await harvester.harvest(request)
            try await harvester.http.close()
            #expect(report.resumed && report.pages == 2 && report.records == 4 && report.completed)
            #expect(try await Self.ids(store.papers) == Self.allTen)
            let (t0, t1) = (await hits.count("t0"), await hits.count("t1"))
            #expect(t0 == 1 && t1 == 1, "resumed runs did not start over")
        }
    }

    @Test func anExpiredTokenRestartsTheSelection() async throws {
        let hits = HitCounter()
        try await withLocalServer(Self.oaiRouter(hits)) { base in
            let store = try memorySQLiteStores()
            let request = OAIHarvestRequest(set: "cs")
            _ = try await store.harvest.apply(ImportBatch(), recording: HarvestPosition(resumptionToken: "expired", pages: 7), for: request.key)
            let harvester = Self.harvester(base, store.harvest, clock: VirtualClock())
            let report = try await harvester.harvest(request)
            try await harvester.http.close()
            #expect(report.completed && report.pages == 4)
            #expect(try await Self.ids(store.papers) == Self.allTen)
        }
    }

    @Test func slowAnswersTimeOutAndAreRetried() async throws {
        let hits = HitCounter()
        let router = Router()
        router.get("/oai") { _, _ -> Response in
            if await hits.hit("slow") == 1 { try await Task.sleep(for: .seconds(6)) }
            return reply(OAIPages.page(0..<2, token: nil, total: 2))
        }
        try await withLocalServer(router) { base in
            let store = try memorySQLiteStores()
            let harvester = Self.harvester(base, store.harvest, clock: VirtualClock()) { $0.timeout = .seconds(1) }
            let report = try await harvester.harvest(OAIHarvestRequest())
            try await harvester.http.close()
            let slowHits = await hits.count("slow")
            // The first answer times out and is retried; on a loaded machine a later one may time out too.
            #expect(report.records == 2 && slowHits >= 2)
        }
    }

    @Test func oversizedBodiesAreRefused() async throws {
        try await withLocalServer(Self.oaiRouter(HitCounter())) { base in
            let store = try memorySQLiteStores()
            let harvester = Self.harvester(base, store.harvest, clock: VirtualClock()) { $0.maxResponseBytes = 1000 }
            let error = await #expect(throws: PaperboyError.self) { try await harvester.harvest(OAIHarvestRequest()) }
            try await harvester.http.close()
            #expect(error?.code == .upstream && error?.message.contains("limit") == true)
            #expect(try await store.papers.stats().papers == 0)
        }
    }

    @Test func apiHarvestPagesThroughTotals() async throws {
        let hits = HitCounter()
        let router = Router()
        router.get("/api/query") { request, _ -> Response in
            let start = Int(request.uri.queryParameters.get("start") ?? "0") ?? 0
            let size = Int(request.uri.queryParameters.get("max_results") ?? "3") ?? 3
            if await hits.hit("start=\(start)") == 1, start == 3 {
                return reply("slow down", status: .tooManyRequests, type: "text/plain", headers: [("Retry-After", "5")])
            }
            #expect(request.uri.queryParameters.get("search_query")?.contains("submittedDate:[202611010000 TO 202611022359]") == true)
            return reply(APIPages.page(start..<min(start + size, 7), total: 7, start: start), type: "application/atom+xml")
        }
        try await withLocalServer(router) { base in
            let store = try memorySQLiteStores()
            let http = PoliteFetcher(settings: testSettings(base), fetcher: AsyncHTTPFetcher(), clock: VirtualClock())
            let harvester = ArxivAPIHarvester(api: ArxivAPIClient(http: http, pageSize: 3), store: store.harvest)
            let query = ArxivQuery.submitted(categories: ["cs.LG"], since: try Day(parsing: "2026-11-01"), until: try Day(parsing: "2026-11-02"))
            let report = try await harvester.harvest(query)
            #expect(report.pages == 3 && report.records == 7 && report.expectedTotal == 7 && report.completed)
            #expect(try await Self.ids(store.papers) == (0..<7).map { String(format: "2611.1%04d", $0) })
            #expect(await hits.count("start=3") == 2)
            let again = try await harvester.harvest(query)
            try await http.close()
            #expect(!again.resumed && again.counts.papersUnchanged == 7 && !again.counts.changedAnything)
            let p = try #require(try await store.papers.paper(PaperID(unchecked: "2611.10002"))).paper
            #expect(p.source == "arxiv-api" && p.categories == ["cs.LG", "stat.ML"] && p.authors.map(\.name) == ["Writer 2"])
        }
    }

    @Test func unreachableServerIsUnavailable() async throws {
        let http = PoliteFetcher(settings: testSettings(URL(string: "http://127.0.0.1:9")!), fetcher: AsyncHTTPFetcher(),
                                 clock: VirtualClock())
        let error = await #expect(throws: PaperboyError.self) { try await ArxivAPIClient(http: http).records(ids: [try ArxivID(parsing: "2405.15738")]) }
        try await http.close()
        #expect(error?.code == .unavailable)
    }
}

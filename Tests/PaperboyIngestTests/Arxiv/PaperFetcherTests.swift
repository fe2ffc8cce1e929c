import Foundation
import PaperboyCore
import PaperboyStore
import Testing
@testable import PaperboyIngest

/// `ArxivAPIClient.paper(_:fetchedAt:)` is the fetch-and-map step shared by `ArxivSubmitter` (stores and features in
/// one transaction; see `SubmitterTests`) and `ArxivPaperFetcher` (stores without featuring).
@Suite("Fetch one paper from the arXiv API")
struct PaperFetcherTests {
    static let now = Timestamp.parse("2026-11-29T10:00:00Z")!

    static func client(_ script: [ScriptedFetcher.Answer]) -> (ArxivAPIClient, ScriptedFetcher) {
        let clock = VirtualClock()
        let fetcher = ScriptedFetcher(clock: clock, script)
        return (ArxivAPIClient(http: PoliteFetcher(settings: testSettings(), fetcher: fetcher, clock: clock)), fetcher)
    }

    @Test func anyIdFormFindsThePaperByItsBaseId() async throws {
        let (api, fetcher) = Self.client([.success(.xml(APIPages.page(2..<3, total: 1, start: 0)))])
        let paper = try #require(try await api.paper(try ArxivID(parsing: "https://arxiv.org/abs/2611.10002v3"), fetchedAt: Self.now))
        #expect(paper.id == PaperID(unchecked: "2611.10002") && paper.title == "API paper 2" && paper.source == "arxiv-api")
        #expect(paper.sourceUpdatedAt == Timestamp.parse("2026-11-02T10:00:00Z"))
        let query = try #require(fetcher.requests.first?.url.query)
        #expect(query.contains("id_list=2611.10002") && !query.contains("v3"))
    }

    @Test func aRecordWithoutADateIsDatedWhenFetched() async throws {
        let undated = APIPages.page(2..<3, total: 1, start: 0)
            .replacingOccurrences(of: "<updated>2026-11-02T10:00:00Z</updated>", with: "")
            .replacingOccurrences(of: "<updated>2026-11-20T00:00:00-05:00</updated>", with: "")
        let (api, _) = Self.client([.success(.xml(undated))])
        let paper = try #require(try await api.paper(try ArxivID(parsing: "2611.10002"), fetchedAt: Self.now))
        #expect(paper.sourceUpdatedAt == Self.now)
    }

    @Test func unknownIdsAndOtherPapersAreNil() async throws {
        let (api, _) = Self.client([.success(.xml(APIPages.page(0..<0, total: 0, start: 0))),
                                    .success(.xml(APIPages.page(2..<3, total: 1, start: 0)))])
        #expect(try await api.paper(try ArxivID(parsing: "2611.99999"), fetchedAt: Self.now) == nil)
        // arXiv answered with a different paper than the one asked for.
        #expect(try await api.paper(try ArxivID(parsing: "2611.10005"), fetchedAt: Self.now) == nil)
    }

    @Test func theFetcherStoresWithoutFeaturing() async throws {
        let store = try memorySQLiteStore()
        let (api, _) = Self.client([.success(.xml(APIPages.page(2..<3, total: 1, start: 0))),
                                    .success(.xml(APIPages.page(0..<0, total: 0, start: 0)))])
        let fetcher = ArxivPaperFetcher(store: store, api: api, clock: { Self.now })
        #expect(try await fetcher.fetchAndStore(try ArxivID(parsing: "arXiv:2611.10002v1")) == PaperID(unchecked: "2611.10002"))
        let detail = try #require(try await store.paper(PaperID(unchecked: "2611.10002")))
        #expect(detail.paper.source == "arxiv-api" && detail.entries.isEmpty)
        #expect(try await fetcher.fetchAndStore(try ArxivID(parsing: "2611.99999")) == nil)
        let stats = try await store.stats()
        #expect(stats.papers == 1 && stats.dailyEntries == 0)
    }

    @Test func theFetcherStoresNothingWhenArxivIsUnreachable() async throws {
        let store = try memorySQLiteStore()
        let (api, _) = Self.client([.failure(.timeout), .failure(.transport("refused")), .failure(.timeout)])
        let fetcher = ArxivPaperFetcher(store: store, api: api, clock: { Self.now })
        let error = await #expect(throws: PaperboyError.self) { try await fetcher.fetchAndStore(try ArxivID(parsing: "2611.10002")) }
        #expect(error?.code == .unavailable)
        #expect(try await store.stats().papers == 0)
    }
}

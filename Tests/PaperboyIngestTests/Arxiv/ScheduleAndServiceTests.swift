import Foundation
import Logging
import PaperboyCore
import PaperboyStore
import Testing
@testable import PaperboyIngest

/// A settable wall clock for the service's `now` and `sleep`.
final class WallClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date
    private var slept: [Duration] = []
    let maxSleeps: Int

    init(_ start: Date, maxSleeps: Int) {
        current = start
        self.maxSleeps = maxSleeps
    }

    var now: Date { lock.withLock { current } }
    var sleeps: [Duration] { lock.withLock { slept } }

    func sleep(_ d: Duration) throws {
        try lock.withLock {
            guard slept.count < maxSleeps else { throw CancellationError() }
            slept.append(d)
            current += Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        }
    }
}

@Suite("arXiv announcement schedule and the harvest service")
struct ScheduleAndServiceTests {
    static func at(_ s: String) -> Date { Timestamp.parse(s)! }

    @Test func announcementsAreAt20EasternSundayToThursday() throws {
        let s = AnnouncementSchedule(lag: .seconds(1800))
        // November 2026 is on EST (UTC−5): 20:00 ET is 01:00 UTC the next day.
        #expect(s.nextAnnouncement(after: Self.at("2026-11-24T03:00:00Z")) == Self.at("2026-11-25T01:00:00Z"))
        #expect(s.nextAnnouncement(after: Self.at("2026-11-27T12:00:00Z")) == Self.at("2026-11-30T01:00:00Z"), "Friday → Sunday evening")
        #expect(s.nextAnnouncement(after: Self.at("2026-11-26T12:00:00Z")) == Self.at("2026-11-27T01:00:00Z"), "Thursday evening")
        // July is on EDT (UTC−4): 20:00 ET is 00:00 UTC.
        #expect(s.nextAnnouncement(after: Self.at("2026-07-01T12:00:00Z")) == Self.at("2026-07-02T00:00:00Z"))
        #expect(s.lastAnnouncement(atOrBefore: Self.at("2026-11-28T12:00:00Z")) == Self.at("2026-11-27T01:00:00Z"))
        #expect(s.lastAnnouncement(atOrBefore: Self.at("2026-11-25T01:00:00Z")) == Self.at("2026-11-25T01:00:00Z"))
        #expect(s.listingDay(of: Self.at("2026-11-30T01:00:00Z")).description == "2026-11-30")
        let next = s.nextFetch(after: Self.at("2026-11-24T03:00:00Z"))
        #expect(next.at == Self.at("2026-11-25T01:30:00Z") && next.day.description == "2026-11-25")
        #expect(s.nextFetch(after: Self.at("2026-11-25T01:10:00Z")).at == Self.at("2026-11-25T01:30:00Z"), "inside the lag")
    }

    static func listing() throws -> FetchedResponse {
        FetchedResponse(status: 200, headers: ["content-type": "application/atom+xml"],
                        body: try Data(contentsOf: Fixtures.directory.appendingPathComponent("arxiv/listing-cs.LG.xml")))
    }

    @Test func theServiceFeaturesNewPapersAfterEachAnnouncementAndRetriesFailures() async throws {
        let store = try memorySQLiteStore()
        let existing = Paper(id: PaperID(unchecked: "2405.15738"), version: 1, title: "ConvLLaVA", abstract: "Old.",
                             authors: [Author(name: "Chunjiang Ge")], source: "kaggle")
        _ = try await store.apply(ImportBatch(papers: [existing], entries: [
            DailyEntry(day: try Day(parsing: "2026-11-24"), paperID: existing.id, position: 0),
        ]))
        let virtual = VirtualClock()
        let fetcher = ScriptedFetcher(clock: virtual, [.failure(.timeout), .failure(.timeout), .failure(.timeout),
                                                       .success(try Self.listing()), .success(try Self.listing())])
        let http = PoliteFetcher(settings: testSettings(), fetcher: fetcher, clock: virtual)
        let ingest = DailyListingIngest(listings: ArxivListingClient(http: http), store: store, categories: ["cs.LG"])
        let wall = WallClock(Self.at("2026-11-24T03:00:00Z"), maxSleeps: 2)
        let service = ArxivHarvestService(ingest: ingest, retryInterval: .seconds(900), logger: Logger(label: "test"),
                                          now: { wall.now }, sleep: { try wall.sleep($0) })
        try await service.loop()
        // Pass 1 (day of the 01:00 UTC announcement, 2026-11-24) failed: retried 15 minutes later, then succeeded.
        #expect(wall.sleeps.first == .seconds(900))
        // Then it slept until 30 minutes after the next announcement (2026-11-25T01:30Z) and ran for 2026-11-25.
        #expect(wall.sleeps.count == 2 && wall.now == Self.at("2026-11-25T01:30:00Z"))
        for day in ["2026-11-24", "2026-11-25"] {
            let page = try await store.feed(FeedQuery(days: try Day(parsing: day)...(try Day(parsing: day)), sort: .publishedAt))
            let ids = page.items.map(\.paper.id.rawValue)
            if day == "2026-11-24" {
                #expect(ids == ["2405.15738", "2611.10001", "2611.10002"], "new papers after the day's existing entry")
            } else {
                #expect(ids == ["2611.10001", "2611.10002"])
            }
            #expect(page.items.map(\.entry.position) == Array(0..<ids.count))
            #expect(page.items.allSatisfy { $0.entry.submitter == nil })
        }
        let cross = try #require(try await store.paper(PaperID(unchecked: "2611.09003")))
        #expect(cross.entries.isEmpty && cross.paper.source == "arxiv-listing", "cross-lists are stored, not featured")
        let replaced = try #require(try await store.paper(PaperID(unchecked: "2405.15738"))).paper
        #expect(replaced.title == "ConvLLaVA" && replaced.source == "kaggle", "a listing does not overwrite better metadata")
        #expect(replaced.version == 3, "but the newer version number is kept")
        let fresh = try #require(try await store.paper(PaperID(unchecked: "2611.10001"))).paper
        #expect(fresh.authors.map(\.name) == ["Ada Lovelace", "Alan Turing", "Grace Hopper"])
        #expect(fresh.categories == ["cs.LG", "cs.CL"] && fresh.abstract == "We study sparse mixtures\nfor long contexts.")
    }
}

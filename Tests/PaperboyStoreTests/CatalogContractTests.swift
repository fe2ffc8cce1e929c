import Foundation
import PaperboyCore
import Testing
@testable import PaperboyStore

/// Organisations, list filters by paper id, and whole-catalog keyset paging: the same answers from SQLite,
/// in-memory and (with the wrapper) PostgreSQL.
@Suite("PaperStore contract: organisations and catalog paging")
struct CatalogContractTests {
    static func dated(_ id: String, _ seconds: Double?, org: Organization? = nil) -> Paper {
        var p = paper(id)
        p.publishedAt = seconds.map { Date(timeIntervalSince1970: $0) }
        p.organization = org
        return p
    }

    @Test(arguments: PaperBackend.all)
    func organisationsAreLookedUpAndFilterFeeds(backend: PaperBackend) async throws {
        let store = try await backend.make()
        let oldMeta = Organization(name: "meta", fullname: "Meta (old)", avatarURL: "https://x/old.png")
        let newMeta = Organization(name: "meta", fullname: "AI at Meta", avatarURL: "https://x/meta.png")
        let papers = [
            Self.dated("2501.00001", 1_000, org: oldMeta),
            Self.dated("2501.00002", 3_000, org: newMeta),
            Self.dated("2501.00003", 2_000, org: Organization(name: "google", fullname: "Google")),
            Self.dated("2501.00004", 4_000, org: nil),
        ]
        let entries = papers.enumerated().map { i, p in
            DailyEntry(day: day("2025-01-01").advanced(by: i), paperID: p.id, position: 0)
        }
        _ = try await store.apply(ImportBatch(papers: papers, entries: entries))
        // The newest-published paper's description wins.
        let meta = try await store.organization(named: "meta")
        #expect(meta == newMeta)
        let google = try await store.organization(named: "google")
        #expect(google?.fullname == "Google")
        let unknown = try await store.organization(named: "Meta")   // exact match only
        #expect(unknown == nil)
        let page = try await store.feed(FeedQuery(organization: "meta", sort: .publishedAt))
        #expect(page.total == 2)
        #expect(page.items.map(\.paper.id.rawValue) == ["2501.00002", "2501.00001"])
        let paged = try await store.feed(FeedQuery(organization: "meta", sort: .publishedAt, limit: 1, offset: 1))
        #expect(paged.total == 2 && paged.items.map(\.paper.id.rawValue) == ["2501.00001"])
        let upvoted = try await store.feed(FeedQuery(organization: "google", sort: .upvotes))
        #expect(upvoted.items.map(\.paper.id.rawValue) == ["2501.00003"])
    }

    @Test(arguments: PaperBackend.all)
    func feedsKeepOnlyTheGivenPapers(backend: PaperBackend) async throws {
        let store = try await backend.make()
        let papers = (1...6).map { Self.dated(String(format: "2502.%05d", $0), Double($0)) }
        let entries = papers.enumerated().map { i, p in
            DailyEntry(day: day("2025-02-03").advanced(by: i / 3), paperID: p.id, position: i % 3)
        }
        _ = try await store.apply(ImportBatch(papers: papers, entries: entries))
        let keep: Set<PaperID> = [papers[1].id, papers[4].id, PaperID(unchecked: "2502.99999")]
        for sort in [FeedSort.publishedAt, .upvotes, .trending] {
            let page = try await store.feed(FeedQuery(paperIDs: keep, sort: sort, now: Date(timeIntervalSince1970: 0)))
            #expect(page.total == 2, "\(sort)")
            #expect(Set(page.items.map(\.paper.id)) == [papers[1].id, papers[4].id], "\(sort)")
        }
        let oneDay = try await store.feed(FeedQuery(days: day("2025-02-03")...day("2025-02-03"), paperIDs: keep))
        #expect(oneDay.items.map(\.paper.id) == [papers[1].id])
        let none = try await store.feed(FeedQuery(paperIDs: []))
        #expect(none.total == 0 && none.items.isEmpty)
    }

    @Test(arguments: PaperBackend.all)
    func theCatalogPagesNewestFirstAndIsStableUnderInserts(backend: PaperBackend) async throws {
        let store = try await backend.make()
        // Ties on publishedAt are ordered by id descending; undated papers come last.
        let papers = [
            Self.dated("2503.00001", 100), Self.dated("2503.00002", 300), Self.dated("2503.00003", 300),
            Self.dated("2503.00004", 200), Self.dated("2503.00005", nil), Self.dated("2503.00006", nil),
            Self.dated("2503.00007", 50),
        ]
        _ = try await store.apply(ImportBatch(papers: papers))
        let expected = ["2503.00003", "2503.00002", "2503.00004", "2503.00001", "2503.00007", "2503.00006", "2503.00005"]
        let whole = try await store.latestPapers(after: nil, limit: 100)
        #expect(whole.map(\.paper.id.rawValue) == expected)
        // Pages of 2, carrying the cursor through its opaque token; a paper newer than everything arrives meanwhile.
        var seen: [String] = []
        var cursor: CatalogCursor?
        for round in 0..<10 {
            let page = try await store.latestPapers(after: cursor, limit: 2)
            if page.isEmpty { break }
            seen += page.map(\.paper.id.rawValue)
            cursor = try CatalogCursor(token: CatalogCursor(after: try required(page.last).paper).token)
            if round == 0 { _ = try await store.apply(ImportBatch(papers: [Self.dated("2503.00008", 9_999)])) }
        }
        #expect(seen == expected)
        let fresh = try await store.latestPapers(after: nil, limit: 1)
        #expect(fresh.map(\.paper.id.rawValue) == ["2503.00008"])
        // Entries and counts come with each paper.
        _ = try await store.apply(ImportBatch(entries: [DailyEntry(day: day("2025-03-03"), paperID: papers[1].id, position: 0)]))
        let detail = try await store.latestPapers(after: CatalogCursor(publishedAt: Date(timeIntervalSince1970: 300),
                                                                      id: PaperID(unchecked: "2503.00003")), limit: 1)
        #expect(detail.first?.paper.id == papers[1].id && detail.first?.entries.map(\.day) == [day("2025-03-03")])
    }

    @Test func cursorsRoundTripAndRejectForgeries() throws {
        let dated = CatalogCursor(publishedAt: Date(timeIntervalSince1970: 1_700_000_000.123456), id: PaperID(unchecked: "2405.15738"))
        #expect(try CatalogCursor(token: dated.token) == dated)
        let undated = CatalogCursor(publishedAt: nil, id: PaperID(unchecked: "local-abc"))
        #expect(try CatalogCursor(token: undated.token) == undated)
        for bad in ["", "abc", "!!!", "djE6", Base64URL.encode(Data("v2:-:x".utf8)), Base64URL.encode(Data("v1:zz:x".utf8)),
                    Base64URL.encode(Data("v1:-:".utf8))] {
            #expect(throws: PaperboyError.self) { try CatalogCursor(token: bad) }
        }
    }
}

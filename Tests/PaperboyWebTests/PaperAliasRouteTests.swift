import Foundation
import Hummingbird
import HummingbirdTesting
import PaperboyCore
import PaperboyStore
import Testing
@testable import PaperboyWeb

/// Issue #17: a seed paper merged into its arXiv paper keeps its old links working: 301 to the survivor.
@Suite("Merged papers redirect")
struct PaperAliasRouteTests {
    static let seedTitle = "Mixture of Experts"
    static let local = PaperID.local(title: seedTitle)

    /// The fixture site, then the seed list's copy of "Mixture of experts" (2506.00002) imported beside it.
    func site() async throws -> TestSite {
        let site = try await TestSite.make()
        let seed = Paper(id: Self.local, title: Self.seedTitle, abstract: "Seed copy.", authorCount: 4, source: "seed")
        _ = try await site.stores.papers.apply(ImportBatch(
            papers: [seed], entries: [DailyEntry(day: WebFixture.day3, paperID: Self.local, position: 1)]))
        return site
    }

    @Test func localLinksOfAMergedPaperRedirectToItsArxivId() async throws {
        try await site().withApp { client in
            for (from, to) in [("/papers/\(Self.local)", "/papers/2506.00002"),
                               ("/papers/\(Self.local).md", "/papers/2506.00002.md"),
                               ("/api/papers/\(Self.local)", "/api/papers/2506.00002"),
                               ("/api/papers/\(Self.local)/comments?limit=5", "/api/papers/2506.00002/comments?limit=5")] {
                try await client.execute(uri: from, method: .get) { r in
                    #expect(r.status == .movedPermanently, "\(from)")
                    #expect(r.headers[.location] == to)
                }
            }
            try await client.execute(uri: "/api/papers/\(Self.local)/upvote", method: .post) { r in
                #expect(r.status == .permanentRedirect, "a write is redirected with its method")
                #expect(r.headers[.location] == "/api/papers/2506.00002/upvote")
            }
            try await client.execute(uri: "/papers/2506.00002", method: .get) { r in
                #expect(r.status == .ok)
            }
            // An unknown local id is still a 404, not a redirect.
            try await client.execute(uri: "/papers/local-000000000000", method: .get) { r in
                #expect(r.status == .notFound)
            }
            // Search finds the paper once, and the seed's day lists it under its arXiv id.
            try await client.execute(uri: "/api/search?q=mixture+experts", method: .get) { r in
                let body = try #require(try r.json() as? [String: Any])
                let hits = try #require(body["hits"] as? [[String: Any]])
                #expect(hits.compactMap { $0["id"] as? String } == ["2506.00002"])
            }
            try await client.execute(uri: "/api/daily_papers?date=2025-06-10", method: .get) { r in
                let entries = try #require(try r.json() as? [[String: Any]])
                let ids = entries.compactMap { ($0["paper"] as? [String: Any])?["id"] as? String }
                #expect(ids.sorted() == ["2506.00002", "2506.00004"])
            }
        }
    }
}

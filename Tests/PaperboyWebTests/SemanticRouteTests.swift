import Foundation
import Hummingbird
import HummingbirdTesting
import PaperboyCatalog
import PaperboyCore
import PaperboyStore
import Testing
@testable import PaperboyWeb
import TestSupport

@Suite("Search modes and similar papers through the router")
struct SemanticRouteTests {
    static let embedder = HashingEmbedder(dimension: 64, synonyms: ["moe": "mixture"])

    /// The fixture papers in a SQLite store, embedded, behind a catalog with the hashing embedder.
    static func withSemanticApp(embed: Bool = true, _ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        var site = try await TestSite.make(seeded: false)
        let stores = site.stores
        let fixture = try await WebFixture.makeStore()
        var papers: [Paper] = []
        for id in ["2506.00001", "2506.00002", "2506.00003", "2506.00004"] {
            if let p = try await fixture.paper(PaperID(unchecked: id))?.paper { papers.append(p) }
        }
        _ = try await stores.papers.apply(ImportBatch(papers: papers))
        if embed { try await EmbeddingJob(store: stores.embeddings, embedder: embedder).runPass() }
        site.seams.embedder = embed ? embedder : nil
        try await site.withApp(body)
    }

    @Test func apiSearchHonoursEveryModeAndRejectsUnknownOnes() async throws {
        try await Self.withSemanticApp { client in
            try await client.execute(uri: "/api/search?q=moe&mode=lexical", method: .get) { r in
                #expect(r.status == .ok)
                let body = try #require(try r.json() as? [String: Any])
                #expect(body["mode"] as? String == "lexical")
                #expect((body["hits"] as? [Any])?.isEmpty == true)
            }
            for mode in ["semantic", "hybrid", "HYBRID"] {
                try await client.execute(uri: "/api/search?q=moe&mode=\(mode)", method: .get) { r in
                    #expect(r.status == .ok)
                    let body = try #require(try r.json() as? [String: Any])
                    #expect(body["mode"] as? String == mode.lowercased())
                    let hits = try #require(body["hits"] as? [[String: Any]])
                    #expect(hits.first?["id"] as? String == "2506.00002", "\(mode)")
                }
            }
            // The default is hybrid once every paper has a vector.
            try await client.execute(uri: "/api/search?q=moe", method: .get) { r in
                let body = try r.json() as? [String: Any]
                #expect(body?["mode"] as? String == "hybrid")
            }
            // Forms send spaces as '+'; a typed '+' arrives as %2B.
            try await client.execute(uri: "/api/search?q=mixture+experts%2B&mode=lexical", method: .get) { r in
                let body = try #require(try r.json() as? [String: Any])
                #expect(body["query"] as? String == "mixture experts+")
            }
            try await client.execute(uri: "/api/search?q=moe&mode=vibes", method: .get) { r in
                #expect(r.status == .badRequest)
                let body = try #require(try r.json() as? [String: Any])
                #expect((body["error"] as? String)?.contains("lexical, semantic or hybrid") == true)
            }
            try await client.execute(uri: "/api/papers/search?q=moe&mode=semantic", method: .get) { r in
                #expect(r.status == .ok)
                let list = try #require(try r.json() as? [[String: Any]])
                #expect(list.first?["title"] as? String == "Mixture of experts")
            }
        }
    }

    @Test func searchPageOffersTheModesAndSaysWhichRanked() async throws {
        try await Self.withSemanticApp { client in
            try await client.execute(uri: "/search?q=moe&mode=semantic", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.text.contains("ranked by meaning"))
                #expect(r.text.contains("Mixture of experts"))
                #expect(r.text.contains("mode=hybrid") && r.text.contains("mode=lexical"))
            }
            try await client.execute(uri: "/search?q=moe&mode=nope", method: .get) { r in
                #expect(r.status == .badRequest)
                #expect(r.text.contains("lexical, semantic or hybrid"))
            }
        }
    }

    @Test func similarPapersOnThePageAndInTheAPI() async throws {
        try await Self.withSemanticApp { client in
            try await client.execute(uri: "/api/papers/2506.00002/similar?limit=2", method: .get) { r in
                #expect(r.status == .ok)
                let list = try #require(try r.json() as? [[String: Any]])
                #expect(list.count == 2)
                let ids = list.compactMap { ($0["paper"] as? [String: Any])?["id"] as? String }
                #expect(ids.count == 2 && !ids.contains("2506.00002"))
            }
            try await client.execute(uri: "/api/papers/2506.09999/similar", method: .get) { r in
                #expect(r.status == .notFound)
            }
            try await client.execute(uri: "/api/papers/2506.00002/similar?limit=0", method: .get) { r in
                #expect(r.status == .badRequest)
            }
            try await client.execute(uri: "/papers/2506.00002", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.text.contains("Similar papers"))
                #expect(r.text.contains("Closest in meaning"))
                #expect(r.text.contains("href=\"/papers/2506.00001\""))
            }
        }
    }

    @Test func withoutTheModelSemanticModeIsUnavailableAndLexicalStillWorks() async throws {
        try await Self.withSemanticApp(embed: false) { client in
            try await client.execute(uri: "/api/search?q=mixture&mode=semantic", method: .get) { r in
                #expect(r.status == .serviceUnavailable)
                let body = try #require(try r.json() as? [String: Any])
                #expect((body["error"] as? String)?.contains("fetch-model.sh") == true)
            }
            try await client.execute(uri: "/api/search?q=mixture", method: .get) { r in
                #expect(r.status == .ok)
                let body = try r.json() as? [String: Any]
                #expect(body?["mode"] as? String == "lexical")
            }
            try await client.execute(uri: "/papers/2506.00002", method: .get) { r in
                #expect(r.text.contains("Sharing words with the title") || !r.text.contains("Similar papers"))
            }
        }
    }
}

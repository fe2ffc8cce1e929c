import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import PaperboyWeb

/// Lenient parsing and the phrase fallback, through the app as `paperboy serve` builds it.
@Suite("Lenient search through the routes")
struct SearchLenientRouteTests {
    static func encoded(_ q: String) -> String {
        q.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }

    @Test func apiSearchFallsBackFromAPhraseWithoutHits() async throws {
        try await WebFixture.withApp { client in
            let q = Self.encoded(#""kernels sparse attention""#)
            try await client.execute(uri: "/api/search?q=\(q)", method: .get) { r in
                #expect(r.status == .ok)
                let body = try #require(try r.json() as? [String: Any])
                let hits = try #require(body["hits"] as? [[String: Any]])
                #expect(hits.first?["id"] as? String == "2506.00001")
                #expect(body["warnings"] as? [String]
                    == [#"No results for the phrase "kernels sparse attention"; showing results for its words."#])
            }
            try await client.execute(uri: "/search?q=\(q)", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.text.contains("showing results for its words."))
                #expect(r.text.contains("1 paper for"))
            }
            // A phrase with hits stays a phrase, without a note.
            try await client.execute(uri: "/api/search?q=\(Self.encoded(#""sparse attention""#))", method: .get) { r in
                let body = try #require(try r.json() as? [String: Any])
                #expect((body["hits"] as? [[String: Any]])?.count == 1)
                #expect((body["warnings"] as? [String])?.isEmpty == true)
            }
        }
    }

    @Test func pastedTextIsNotAnExclusionOrAnError() async throws {
        try await WebFixture.withApp { client in
            // "-2," and "-3" are words, not exclusions: the paper is found.
            try await client.execute(uri: "/api/search?q=\(Self.encoded("sparse-1, -2, -3 attention"))", method: .get) { r in
                #expect(r.status == .ok)
                let body = try #require(try r.json() as? [String: Any])
                #expect((body["hits"] as? [[String: Any]])?.first?["id"] as? String == "2506.00001")
                #expect(body["query"] as? String == "sparse-1, -2, -3 attention")   // every word searched
            }
            // "author:" with no name was a 400; now it is ignored with a note.
            for uri in ["/api/search?q=\(Self.encoded("author:"))", "/api/search?q=\(Self.encoded("mixture author:"))"] {
                try await client.execute(uri: uri, method: .get) { r in
                    #expect(r.status == .ok, "\(uri)")
                    let body = try #require(try r.json() as? [String: Any])
                    #expect(body["warnings"] as? [String] == [#""author:" has no value and was ignored."#], "\(uri)")
                }
            }
            try await client.execute(uri: "/search?q=\(Self.encoded("mixture author:"))", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.text.contains("Mixture of experts"))
                #expect(r.text.contains("has no value and was ignored."))
            }
        }
    }
}

import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import PaperboyWeb

@Suite("Search routes")
struct SearchRouteTests {
    @Test func searchPageShowsHighlightedResultsAndFacets() async throws {
        try await WebFixture.withApp { client in
            try await client.execute(uri: "/search?q=sparse", method: .get) { r in
                let t = r.text
                #expect(r.status == .ok)
                #expect(t.contains("1 paper for “sparse”"))
                #expect(t.contains("Sparse attention &lt;b&gt;kernels&lt;/b&gt; &amp; more"))
                #expect(t.contains("<mark>"))
                #expect(t.contains("cat:cs.LG") || t.contains("cat%3Acs.LG"))
                #expect(!t.contains("Mixture of experts"))
            }
            try await client.execute(uri: "/search?q=zzzzqqq", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.text.contains("No papers match"))
            }
            try await client.execute(uri: "/search", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.text.contains("Try: sparse attention"))
            }
            try await client.execute(uri: "/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", method: .get) { r in
                #expect(r.status == .ok)
                #expect(!r.text.contains("<script>alert(1)</script>"))
            }
        }
    }

    @Test func malformedQueriesNeverFail() async throws {
        try await WebFixture.withApp { client in
            let junk = String(repeating: "\"((-author: cat: ]]", count: 600)
            for q in ["\"unbalanced", "foo:bar", "-", "author:", "date:2025-99..x", junk] {
                let encoded = q.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                try await client.execute(uri: "/search?q=\(encoded)", method: .get) { r in
                    #expect(r.status == .ok || r.status == .badRequest, "\(q.prefix(30))")
                }
                try await client.execute(uri: "/api/search?q=\(encoded)", method: .get) { r in
                    #expect(r.status == .ok || r.status == .badRequest, "\(q.prefix(30))")
                    let body = try r.json()
                    #expect(body is [String: Any])
                }
            }
        }
    }

    @Test func apiSearchHasScoresFacetsAndPaging() async throws {
        try await WebFixture.withApp { client in
            try await client.execute(uri: "/api/search?q=paper&limit=1&offset=1", method: .get) { r in
                #expect(r.status == .ok)
                let body = try #require(try r.json() as? [String: Any])
                #expect(body["total"] as? Int == 2)
                let hits = try #require(body["hits"] as? [[String: Any]])
                #expect(hits.count == 1)
                #expect((hits[0]["score"] as? Double ?? 0) > 0)
                let facets = try #require(body["facets"] as? [String: Any])
                #expect(facets["categories"] is [Any] && facets["years"] is [Any])
            }
            for bad in ["", "q=", "q=x&limit=0", "q=x&limit=500", "q=x&offset=-1", "q=x&facets=maybe"] {
                try await client.execute(uri: "/api/search?\(bad)", method: .get) { r in
                    #expect(r.status == .badRequest, "\(bad)")
                }
            }
        }
    }

    @Test func hfPaperSearchShape() async throws {
        try await WebFixture.withApp { client in
            try await client.execute(uri: "/api/papers/search?q=mixture%20experts&limit=5", method: .get) { r in
                #expect(r.status == .ok)
                let list = try #require(try r.json() as? [[String: Any]])
                #expect(list.first?["title"] as? String == "Mixture of experts")
                #expect((list.first?["paper"] as? [String: Any])?["id"] as? String == "2506.00002")
                #expect((list.first?["paper"] as? [String: Any])?["upvotes"] as? Int == 30)
            }
            try await client.execute(uri: "/api/papers/search?q=x&limit=0", method: .get) { r in
                #expect(r.status == .badRequest)
            }
        }
    }
}

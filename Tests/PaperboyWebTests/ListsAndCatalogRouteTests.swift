import Foundation
import Hummingbird
import HummingbirdTesting
import PaperboyCore
import PaperboyStore
import Testing
@testable import PaperboyWeb

/// Issue #17 items 2–4 through the real router: organisation pages, `?q=` on lists and `/api/daily_papers`,
/// `GET /api/papers` keyset paging, and `Link: rel="next"` on every paged JSON answer.
@Suite("Organisation pages, list filters, catalog paging")
struct ListsAndCatalogRouteTests {
    static let hf = Organization(name: "huggingface", fullname: "Hugging Face", avatarURL: "https://cdn.example.org/hf.png")
    static let day = try! Day(parsing: "2025-06-02")

    /// 60 papers on three days: 55 by Hugging Face (ids 2506.10000…10054), 5 by nobody; even ones are about
    /// "diffusion", odd ones about "transformers"; newer ids are published later.
    static func site() async throws -> TestSite {
        let site = try await TestSite.make(seeded: false)
        var papers: [Paper] = []
        var entries: [DailyEntry] = []
        for i in 0..<60 {
            let topic = i % 2 == 0 ? "Diffusion" : "Transformers"
            var p = WebFixture.paper(String(format: "2506.%05d", 10_000 + i), title: "\(topic) study number \(i)",
                                     votes: i)
            p.publishedAt = Date(timeIntervalSince1970: 1_748_000_000 + Double(i) * 60)
            p.organization = i < 55 ? hf : nil
            papers.append(p)
            entries.append(DailyEntry(day: day.advanced(by: i / 20), paperID: p.id, position: i % 20))
        }
        _ = try await site.stores.papers.apply(ImportBatch(papers: papers, entries: entries))
        return site
    }

    static func link(_ r: TestResponse) -> String? { r.headers[HTTPFields.Element.Name("Link")!] }

    /// The URL inside `<…>; rel="next"`, made relative to the configured base URL.
    static func nextPath(_ r: TestResponse) throws -> String? {
        guard let link = link(r) else { return nil }
        #expect(link.hasSuffix("; rel=\"next\""))
        let url = try #require(link.split(separator: ">").first.map { String($0.dropFirst()) })
        #expect(url.hasPrefix("https://papers.example.org/"), "absolute, from the base URL: \(url)")
        return String(url.dropFirst("https://papers.example.org".count))
    }

    static func ids(_ r: TestResponse, _ key: String = "id") throws -> [String] {
        let list = try #require(try r.json() as? [[String: Any]])
        return list.compactMap { ($0["paper"] as? [String: Any] ?? $0)[key] as? String }
    }

    @Test func anOrganisationPageListsItsPapersNewestFirstWithItsNameAndAvatar() async throws {
        try await Self.site().withApp { client in
            try await client.execute(uri: "/huggingface/papers", method: .get) { r in
                #expect(r.status == .ok)
                let text = r.text
                #expect(text.contains("<h1>Hugging Face</h1>"))
                #expect(text.contains("src=\"https://cdn.example.org/hf.png\""))
                #expect(text.contains("55 on the daily lists"))
                // Newest day first: the third day's papers (40…54) lead; nobody's papers (55…59) never show.
                let newest = try #require(text.range(of: "study number 54<"))
                let older = try #require(text.range(of: "study number 39<"))
                #expect(newest.lowerBound < older.lowerBound)
                #expect(!text.contains("study number 57<"))
                #expect(text.contains("href=\"/huggingface/papers?p=1\""))
            }
            try await client.execute(uri: "/huggingface/papers?p=1", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.text.contains("Page 2 of 2"))
                // Page 1 holds the 50 newest entries (days 3 and 2, then day 1 from position 0): page 2 the last 5.
                #expect(r.text.contains("study number 15<") && r.text.contains("study number 19<"))
                #expect(!r.text.contains("study number 14<") && !r.text.contains("study number 54<"))
            }
            try await client.execute(uri: "/huggingface/papers?q=diffusion", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.text.contains("study number 54<") && !r.text.contains("study number 53<"))
            }
            try await client.execute(uri: "/nosuch-org/papers", method: .get) { r in
                #expect(r.status == .notFound)
                #expect(r.headers[.contentType]?.hasPrefix("text/html") == true)
                #expect(r.text.contains("No organisation named"))
            }
            try await client.execute(uri: "/papers/2506.10001", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.text.contains("href=\"/huggingface/papers\""), "the paper page links to its organisation")
            }
        }
    }

    @Test func existingRoutesStillAnswerBesideTheOrganisationRoute() async throws {
        try await Self.site().withApp { client in
            let ok = ["/", "/papers", "/papers/2506.10001", "/papers/2506.10001.md", "/papers/date/2025-06-02",
                      "/papers/week/2025-W23", "/papers/month/2025-06", "/papers/trending", "/papers/feed.atom",
                      "/papers/trending/feed.rss", "/search?q=diffusion", "/search/feed.atom?q=diffusion",
                      "/authors/Ada%20Lovelace", "/api/papers/2506.10001", "/api/papers", "/api/daily_papers",
                      "/api/papers/search?q=diffusion", "/api/search?q=diffusion", "/healthz", "/signin"]
            for uri in ok {
                try await client.execute(uri: uri, method: .get) { r in #expect(r.status == .ok, "\(uri)") }
            }
            // Routes with two segments keep theirs: an unknown paper, collection or user is their own 404.
            try await client.execute(uri: "/api/papers/2599.99999", method: .get) { r in
                #expect(r.status == .notFound && r.headers[.contentType]?.hasPrefix("application/json") == true)
            }
            try await client.execute(uri: "/collections/nobody/none", method: .get) { r in #expect(r.status == .notFound) }
            try await client.execute(uri: "/nobody", method: .get) { r in
                #expect(r.status == .notFound && r.text.contains("No such user"))
            }
        }
    }

    @Test func qNarrowsEveryListAndStaysInItsLinks() async throws {
        try await Self.site().withApp { client in
            try await client.execute(uri: "/papers/date/2025-06-02?q=diffusion", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.text.contains("study number 18<") && !r.text.contains("study number 19<"))
                #expect(r.text.contains("name=\"q\" value=\"diffusion\""))
                #expect(r.text.contains("href=\"/papers/week/2025-W23?q=diffusion\""), "tabs keep the filter")
            }
            try await client.execute(uri: "/papers/month/2025-06?q=transformers+-%22number+59%22", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.text.contains("study number 1<") && r.text.contains("study number 57<"))
                #expect(!r.text.contains("study number 59<") && !r.text.contains("study number 2<"))
                #expect(r.text.contains("29 papers") || r.text.contains("Page 1 of 1") || !r.text.contains("Page 2"))
            }
            try await client.execute(uri: "/papers/month/2025-06?q=study", method: .get) { r in
                // 60 matches: two pages, the next link keeps the filter.
                #expect(r.text.contains("href=\"/papers/month/2025-06?q=study&amp;p=1\""))
            }
            try await client.execute(uri: "/papers/trending?q=diffusion", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.text.contains("Diffusion study") && !r.text.contains("Transformers study"))
            }
            try await client.execute(uri: "/papers/date/2025-06-02?q=nothingmatchesthis", method: .get) { r in
                #expect(r.status == .ok && r.text.contains("No papers on this list match"))
            }
            try await client.execute(uri: "/papers/date/2025-06-02?q=year:abc", method: .get) { r in
                #expect(r.status == .badRequest)
            }
            try await client.execute(uri: "/api/daily_papers?date=2025-06-03&q=transformers", method: .get) { r in
                #expect(r.status == .ok)
                let ids = try Self.ids(r)
                #expect(ids.count == 10 && ids.allSatisfy { Int($0.suffix(2))! % 2 == 1 })
            }
            try await client.execute(uri: "/api/daily_papers?q=year:abc", method: .get) { r in
                #expect(r.status == .badRequest)
                let body = try r.json() as? [String: Any]
                #expect(body?["error"] is String)
            }
            try await client.execute(uri: "/api/daily_papers?organization=huggingface&limit=100", method: .get) { r in
                let ids = try Self.ids(r)
                #expect(ids.count == 55 && !ids.contains("2506.10057"))
                let org = try #require(((try r.json() as? [[String: Any]])?.first?["paper"] as? [String: Any])?["organization"] as? [String: Any])
                #expect(org["fullname"] as? String == "Hugging Face")
            }
            try await client.execute(uri: "/api/daily_papers?organization=bad%20name", method: .get) { r in
                #expect(r.status == .badRequest)
            }
        }
    }

    @Test func apiPapersPagesTheWholeCatalogThroughLinkHeaders() async throws {
        try await Self.site().withApp { client in
            var uri: String? = "/api/papers?limit=7"
            var seen: [String] = []
            var pages = 0
            while let next = uri, pages < 20 {
                try await client.execute(uri: next, method: .get) { r in
                    #expect(r.status == .ok)
                    seen += try Self.ids(r)
                    uri = try Self.nextPath(r)
                    pages += 1
                }
            }
            #expect(pages == 9)
            #expect(seen == (0..<60).reversed().map { String(format: "2506.%05d", 10_000 + $0) })
            try await client.execute(uri: "/api/papers?limit=1", method: .get) { r in
                let paper = try #require((try r.json() as? [[String: Any]])?.first)
                #expect(paper["id"] as? String == "2506.10059" && paper["title"] as? String == "Transformers study number 59")
            }
            for bad in ["/api/papers?limit=101", "/api/papers?limit=0", "/api/papers?cursor=nonsense",
                        "/api/papers?cursor=" + Base64URL.encode(Data("v1:zz:2506.1".utf8))] {
                try await client.execute(uri: bad, method: .get) { r in
                    #expect(r.status == .badRequest, "\(bad)")
                    let body = try r.json() as? [String: Any]
                    #expect(body?["error"] is String)
                }
            }
        }
    }

    @Test func everyPagedJSONAnswerLinksItsNextPageEvenFromTheCache() async throws {
        try await Self.site().withApp { client in
            for _ in 0..<2 {   // the second answer is a cache hit: the header must survive it
                try await client.execute(uri: "/api/daily_papers?limit=25&sort=publishedAt", method: .get) { r in
                    let next = try Self.nextPath(r)
                    #expect(next == "/api/daily_papers?limit=25&sort=publishedAt&p=1")
                }
            }
            try await client.execute(uri: "/api/daily_papers?limit=25&p=2", method: .get) { r in
                let ids = try Self.ids(r)
                #expect(ids.count == 10)
                #expect(Self.link(r) == nil)
            }
            try await client.execute(uri: "/api/search?q=study&limit=20&facets=false", method: .get) { r in
                let next = try Self.nextPath(r)
                #expect(next == "/api/search?q=study&limit=20&facets=false&offset=20")
            }
            try await client.execute(uri: "/api/search?q=study&limit=20&offset=40", method: .get) { r in
                #expect(Self.link(r) == nil)
            }
        }
    }
}

import Foundation
import Hummingbird
import HummingbirdTesting
import PaperboyStore
import Testing
@testable import PaperboyWeb

@Suite("HTML pages")
struct PageTests {
    @Test func homeShowsTheLatestDayOrderedByUpvotes() async throws {
        try await WebFixture.withApp { client in
            try await client.execute(uri: "/", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.headers[.contentType] == "text/html; charset=utf-8")
                #expect(r.text.contains("Next week paper"))
                #expect(r.text.contains("Tuesday, June 10, 2025"))
                #expect(r.text.contains("href=\"/papers/date/2025-06-03\""))   // previous day with papers
            }
            try await client.execute(uri: "/papers/date/2025-06-02", method: .get) { r in
                let text = r.text
                #expect(r.status == .ok)
                let first = try #require(text.range(of: "Mixture of experts"))
                let second = try #require(text.range(of: "Sparse attention"))
                #expect(first.lowerBound < second.lowerBound)
                #expect(text.contains("Ada Lovelace, Alan Turing, Grace Hopper"))
                #expect(text.contains("4 authors"))
                #expect(text.contains("Sparse attention &lt;b&gt;kernels&lt;/b&gt; &amp; more"))
                #expect(!text.contains("<b>kernels</b>"))
                #expect(text.contains("href=\"/papers/date/2025-06-03\""))   // next day
            }
        }
    }

    @Test func weekAndMonthPagesCoverTheirDays() async throws {
        try await WebFixture.withApp { client in
            try await client.execute(uri: "/papers/week/2025-W23", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.text.contains("Mixture of experts") && r.text.contains("Third paper"))
                #expect(!r.text.contains("Next week paper"))
                #expect(r.text.contains("href=\"/papers/week/2025-W24\""))
                #expect(r.text.contains("Week 23, 2025"))
            }
            try await client.execute(uri: "/papers/month/2025-06", method: .get) { r in
                #expect(r.status == .ok)
                for title in ["Mixture of experts", "Third paper", "Next week paper"] { #expect(r.text.contains(title)) }
                #expect(r.text.contains("June 2025"))
            }
            try await client.execute(uri: "/papers/month/2024-01", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.text.contains("No papers here"))
            }
        }
    }

    @Test func trendingUsesTheNewestDayForSnapshots() async throws {
        try await WebFixture.withApp { client in
            try await client.execute(uri: "/papers/trending", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.text.contains("Trending papers"))
                #expect(r.text.contains("Next week paper"))      // newest day, inside the window
                #expect(!r.text.contains("Third paper"))         // 8 days before the end of the newest day: outside
            }
        }
    }

    @Test func paperPageShowsEverything() async throws {
        try await WebFixture.withApp { client in
            try await client.execute(uri: "/papers/2506.00001", method: .get) { r in
                let t = r.text
                #expect(r.status == .ok)
                for piece in ["Ada Lovelace", "Edsger Dijkstra", "https://arxiv.org/abs/2506.00001",
                              "https://arxiv.org/pdf/2506.00001", "https://github.com/example/2506.00001",
                              "An AI summary.", "sparsity", "cs.LG", "<p>Second paragraph.</p>", ">10<"] {
                    #expect(t.contains(piece), "missing \(piece)")
                }
                #expect(!t.contains("javascript:alert"))     // non-http project page is not linked
                #expect(t.contains("Abstract of Sparse attention &lt;b&gt;kernels&lt;/b&gt; &amp; more. Second line."))
                #expect(r.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
                #expect(r.headers[.xContentTypeOptions] == "nosniff")
            }
            try await client.execute(uri: "/papers/2506.00001.md", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.headers[.contentType] == "text/markdown; charset=utf-8")
                #expect(r.text.hasPrefix("# Sparse attention <b>kernels</b> & more\n"))
                #expect(r.text.contains("## Abstract"))
            }
        }
    }

    @Test func unknownPagesAndBadInputGetHTMLErrors() async throws {
        try await WebFixture.withApp { client in
            for (uri, status) in [("/papers/2506.99999", HTTPResponse.Status.notFound), ("/papers/not-an-id", .notFound),
                                  ("/papers/date/2025-13-40", .badRequest), ("/papers/week/2025-W99", .badRequest),
                                  ("/papers/month/2025-00", .badRequest), ("/papers/date/2025-06-02?p=-1", .badRequest),
                                  ("/no/such/page", .notFound), ("/papers/2506.99999.md", .notFound),
                                  ("/papers/hep-th/9901001", .notFound)] {
                try await client.execute(uri: uri, method: .get) { r in
                    #expect(r.status == status, "\(uri)")
                    #expect(r.headers[.contentType] == "text/html; charset=utf-8", "\(uri)")
                    #expect(r.text.contains("<h1>\(status.code)"), "\(uri)")
                }
            }
        }
    }

    @Test func staticAssetsAndHealth() async throws {
        try await WebFixture.withApp { client in
            let etag = try await client.execute(uri: "/static/style.css", method: .get) { r -> String in
                #expect(r.status == .ok)
                #expect(r.headers[.contentType] == "text/css; charset=utf-8")
                #expect(r.text.contains(".card"))
                return r.headers[.eTag] ?? ""
            }
            try await client.execute(uri: "/static/style.css", method: .get, headers: [.ifNoneMatch: etag]) { r in
                #expect(r.status == .notModified)
            }
            try await client.execute(uri: "/healthz", method: .get) { r in #expect(r.status == .ok) }
            try await client.execute(uri: "/hello", method: .get) { r in #expect(r.text == "Hello, world!") }
        }
    }

    @Test func emptyDatabaseExplainsWhatToDo() async throws {
        try await WebFixture.withApp(seeded: false) { client in
            try await client.execute(uri: "/", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.text.contains("paperboy import"))
            }
        }
    }
}

import Foundation
import Hummingbird
import HummingbirdTesting
import PaperboyCore
import PaperboyStore
import Testing
@testable import PaperboyWeb

/// The paper page's other forms through the real router: Markdown by `Accept` (and the HTTP cache keeping the two
/// apart), BibTeX and RIS files, the Cite box, Google Scholar meta tags, and a collection's `.bib`.
@Suite("Paper formats: Markdown negotiation and citations")
struct PaperFormatsTests {
    static let browserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8"

    static func get(_ client: any TestClientProtocol, _ uri: String, accept: String? = nil) async throws -> TestResponse {
        var headers: HTTPFields = [:]
        if let accept { headers[.accept] = accept }
        return try await client.executeRequest(uri: uri, method: .get, headers: headers, body: nil)
    }

    static func isMarkdown(_ r: TestResponse) -> Bool {
        r.headers[.contentType] == "text/markdown; charset=utf-8" && r.text.hasPrefix("# ")
    }

    static func isHTML(_ r: TestResponse) -> Bool {
        r.headers[.contentType]?.hasPrefix("text/html") == true && r.text.contains("<!doctype html>")
    }

    @Test("Accept chooses HTML or Markdown; both say Vary: Accept")
    func negotiationRules() {
        for (accept, form) in [(nil, PaperRepresentation.html), ("", .html), ("text/markdown", .markdown),
                               ("text/markdown, text/html;q=0.9", .markdown), ("text/html, text/markdown;q=0.5", .html),
                               ("text/markdown;q=0.5, */*;q=0.9", .html), ("text/*", .html), ("*/*", .html),
                               (Self.browserAccept, .html), ("application/json, text/markdown", .markdown),
                               ("text/markdown;q=0", .html), ("text/plain, text/markdown;q=0.3, text/*;q=0.1", .markdown)] {
            #expect(PaperRepresentation.negotiate(accept) == form, "\(accept ?? "nil")")
        }
        #expect(PaperRepresentation.cacheVariant(path: "/papers/2506.00001", accept: "text/markdown") == "#md")
        #expect(PaperRepresentation.cacheVariant(path: "/papers/2506.00001", accept: Self.browserAccept) == "")
        #expect(PaperRepresentation.cacheVariant(path: "/api/papers/2506.00001", accept: "text/markdown") == "")
    }

    @Test("The shared cache never answers a Markdown request with HTML, nor the reverse, in either order")
    func cacheKeepsRepresentationsApart() async throws {
        try await WebFixture.withApp { client in
            // HTML first, then Markdown, on one paper; Markdown first, then HTML, on another.
            for (uri, order) in [("/papers/2506.00001", ["html", "md", "html", "md"]),
                                 ("/papers/2506.00002", ["md", "html", "md", "html"])] {
                var tags: [String: String] = [:]
                for form in order {
                    let r = try await Self.get(client, uri, accept: form == "md" ? "text/markdown" : Self.browserAccept)
                    #expect(r.status == .ok)
                    #expect(form == "md" ? Self.isMarkdown(r) : Self.isHTML(r), "\(uri) \(form)")
                    #expect(r.headers[.vary] == "Accept, Accept-Encoding", "\(uri) \(form)")
                    #expect(r.headers[.cacheControl] == "public, max-age=10")
                    // A cached answer (the second of each form) carries the first one's ETag: it came from the cache.
                    let tag = try #require(r.headers[.eTag])
                    if let first = tags[form] { #expect(first == tag, "\(uri) \(form) was not served from the cache") }
                    tags[form] = tag
                }
                #expect(tags["md"] != tags["html"])
            }
            // The Markdown answer is the `.md` page's text.
            let negotiated = try await Self.get(client, "/papers/2506.00001", accept: "text/markdown")
            let suffixed = try await Self.get(client, "/papers/2506.00001.md")
            #expect(negotiated.text == suffixed.text && negotiated.text.hasPrefix("# Sparse attention <b>kernels</b> & more\n"))
            // No Accept at all is HTML.
            #expect(Self.isHTML(try await Self.get(client, "/papers/2506.00001")))
        }
    }

    @Test("/papers/{id}.bib and .ris: the fields, escaped; 404 for unknown papers")
    func citationFiles() async throws {
        try await WebFixture.withApp { client in
            let bib = try await Self.get(client, "/papers/2506.00001.bib")
            #expect(bib.status == .ok)
            #expect(bib.headers[.contentType] == "application/x-bibtex; charset=utf-8")
            #expect(bib.headers[.contentDisposition] == "inline; filename=\"2506.00001.bib\"")
            #expect(bib.text == """
                @misc{lovelace2025sparse,
                  title = {Sparse attention <b>kernels</b> \\& more},
                  author = {Ada Lovelace and Alan Turing and Grace Hopper and Edsger Dijkstra},
                  year = {2025},
                  eprint = {2506.00001},
                  archivePrefix = {arXiv},
                  primaryClass = {cs.LG},
                  url = {https://arxiv.org/abs/2506.00001}
                }

                """)
            let ris = try await Self.get(client, "/papers/2506.00003.ris")
            #expect(ris.status == .ok && ris.headers[.contentType] == "application/x-research-info-systems; charset=utf-8")
            let lines = ris.text.components(separatedBy: "\r\n")
            #expect(lines.first == "TY  - UNPB" && lines.contains("TI  - Third paper") && lines.contains("PY  - 2025"))
            #expect(lines.filter { $0.hasPrefix("AU  - ") } == ["AU  - Ada Lovelace", "AU  - Alan Turing", "AU  - Grace Hopper",
                                                                "AU  - Edsger Dijkstra"])
            #expect(lines.contains("DA  - 2025/06/01/") && lines.contains("KW  - cs.CL"))
            #expect(lines.suffix(2) == ["ER  - ", ""])
            for uri in ["/papers/2599.99999.bib", "/papers/2599.99999.ris", "/papers/nonsense.bib"] {
                #expect(try await Self.get(client, uri).status == .notFound, "\(uri)")
            }
        }
    }

    @Test("The paper page has Google Scholar meta tags and a Cite box with the BibTeX and a copy button")
    func metaTagsAndCiteBox() async throws {
        try await WebFixture.withApp { client in
            let page = try await Self.get(client, "/papers/2506.00001").text
            let head = String(page[..<(page.range(of: "</head>")?.lowerBound ?? page.endIndex)])
            #expect(head.contains(#"<meta name="citation_title" content="Sparse attention &lt;b&gt;kernels&lt;/b&gt; &amp; more">"#))
            let authors = head.components(separatedBy: #"<meta name="citation_author" content=""#).dropFirst()
                .map { String($0.prefix { $0 != "\"" }) }
            #expect(authors == ["Ada Lovelace", "Alan Turing", "Grace Hopper", "Edsger Dijkstra"])
            #expect(head.contains(#"<meta name="citation_publication_date" content="2025/06/01">"#))
            #expect(head.contains(#"<meta name="citation_arxiv_id" content="2506.00001">"#))
            #expect(head.contains(#"<meta name="citation_pdf_url" content="https://arxiv.org/pdf/2506.00001">"#))
            // The Cite box: the entry (escaped for HTML), the copy button the script reveals, the file links.
            #expect(page.contains("<pre id=\"cite-bibtex\">@misc{lovelace2025sparse,\n  title = {Sparse attention &lt;b&gt;kernels&lt;/b&gt; \\&amp; more},"))
            #expect(page.contains(#"<button type="button" class="secondary" data-copy="cite-bibtex" hidden>Copy BibTeX</button>"#))
            #expect(page.contains(#"<a href="/papers/2506.00001.bib">"#) && page.contains(#"<a href="/papers/2506.00001.ris">"#))
            // The script that copies it is the site's own file (the CSP allows no inline script).
            #expect(!page.contains("<script>"))
            let script = try await Self.get(client, "/static/community.js").text
            #expect(script.contains("button[data-copy]") && script.contains("navigator.clipboard.writeText"))
        }
    }

    @Test("A collection's .bib lists its papers with unique keys; private ones are 404 to others")
    func collectionBibTeX() async throws {
        let fx = try await CommunityFixture.make()
        let ada = try await fx.user("ada")
        let list = try await fx.community.createCollection(ownerID: ada.id, name: "Reading list", description: "",
                                                           isPublic: true, at: fx.clock.now)
        let hidden = try await fx.community.createCollection(ownerID: ada.id, name: "Secret", description: "",
                                                             isPublic: false, at: fx.clock.now)
        for id in ["2506.00002", "2506.00001", "2506.00003"] {
            try await fx.community.setInCollection(collectionID: list.id, paperID: PaperID(unchecked: id), true, at: fx.clock.now)
        }
        try await fx.community.setInCollection(collectionID: hidden.id, paperID: PaperID(unchecked: "2506.00001"), true,
                                               at: fx.clock.now)
        try await fx.withApp { client in
            let r = try await Self.get(client, "/collections/ada/\(list.slug).bib")
            #expect(r.status == .ok && r.headers[.contentType] == "application/x-bibtex; charset=utf-8")
            let keys = r.text.components(separatedBy: "@misc{").dropFirst().map { String($0.prefix { $0 != "," }) }
            // In the collection's order, all different.
            let order = try #require(try await fx.community.collection(id: list.id)).paperIDs.map(\.rawValue)
            let expected = ["2506.00001": "lovelace2025sparse", "2506.00002": "lovelace2025mixture", "2506.00003": "lovelace2025third"]
            #expect(keys == order.compactMap { expected[$0] } && keys.count == 3)
            #expect(r.text.contains("eprint = {2506.00002}") && r.text.contains("title = {Third paper}"))
            #expect(try await Self.get(client, "/collections/ada/\(hidden.slug).bib").status == .notFound)
            #expect(try await Self.get(client, "/collections/ada/nothing.bib").status == .notFound)
            // The owner gets the private one.
            let owner = Browser(client)
            try await owner.signIn("ada")
            let mine = try await owner.get("/collections/ada/\(hidden.slug).bib")
            #expect(mine.status == .ok && mine.text.contains("@misc{lovelace2025sparse,"))
        }
    }
}

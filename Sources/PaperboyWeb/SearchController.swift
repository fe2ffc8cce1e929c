import Foundation
import Hummingbird
import PaperboyCatalog
import PaperboyCore
import PaperboyStore
import PaperboySearch

/// `/search` (HTML), `/api/papers/search` (HF's shape, for `HfApi.list_papers`) and `/api/search` (ours: offset,
/// facets, scores, warnings).
struct SearchController<Context: CommunityRequestContext>: Sendable {
    let papers: any PaperStore
    let catalog: SearchCatalog?
    let personal: PersonalPages
    let pages: PageRenderer
    /// The site's absolute URL, for `/api/search`'s `Link: rel="next"`.
    var baseURL = "http://127.0.0.1:8080"

    func register(on router: Router<Context>) {
        router.get("/search", use: page)
        router.get("/api/papers/search", use: hfSearch)
        router.get("/api/search", use: search)
        router.get("/api/papers/:id/similar", use: similar)
    }

    /// `mode=lexical|semantic|hybrid`; absent = the catalog's default (hybrid once papers have vectors).
    static func mode(_ request: Request) throws -> SearchMode? {
        guard let raw = request.uri.queryParameters.get("mode"), !raw.isEmpty else { return nil }
        guard let mode = SearchMode(rawValue: raw.lowercased()) else {
            throw PaperboyError.invalid("'mode' must be lexical, semantic or hybrid, got '\(raw.prefix(20))'.")
        }
        return mode
    }

    /// `GET /api/papers/{id}/similar?limit=` — papers closest in meaning (lexical fallback without vectors).
    @Sendable func similar(_ request: Request, context: Context) async throws -> Response {
        let raw = try context.parameters.require("id")
        let id: PaperID
        do { id = try PaperID(parsing: raw) } catch {
            throw PaperboyError.notFound("'\(raw.prefix(60))' is not a paper id we know.")
        }
        let limit = try Self.limit(request.uri.queryParameters.get("limit"), default: 10, max: 50)
        let catalog = try requireCatalog()
        guard try await papers.paper(id) != nil else { throw PaperboyError.notFound("Paper \(id) is not on this site (yet).") }
        let hits = try await catalog.similar(to: id, limit: limit)
        return try JSONResponse.make(hits.map(HFAPI.SearchResultJSON.init))
    }

    @Sendable func page(_ request: Request, context: Context) async throws -> Response {
        let q = request.formQuery["q"] ?? ""
        let pageNumber = try FeedController<Context>.pageNumber(request)
        guard let catalog = catalog else {
            return pages.render("search", SearchPageView(query: q, results: nil, pageNumber: 0, unavailable: true),
                                visitor: context.visitor, status: .serviceUnavailable)
        }
        guard !q.isBlank else { return pages.render("search", SearchPageView(query: "", results: nil, pageNumber: 0), visitor: context.visitor) }
        let mode = try Self.mode(request)
        return try await personal.respond("search", request: request, context: context) {
            let results = try await catalog.search(CatalogQuery(
                text: q, limit: SearchPageView.pageSize, offset: min(pageNumber, 49) * SearchPageView.pageSize,
                facets: true, mode: mode))
            return SearchPageView(query: q, results: results, pageNumber: pageNumber, requestedMode: mode,
                                  semanticAvailable: catalog.semantic != nil)
        }
    }

    /// HF's paper search: `q` and `limit` (default 50, at most 120 as on the Hub); a list of `{paper, title, …}`.
    @Sendable func hfSearch(_ request: Request, context: Context) async throws -> Response {
        let params = request.uri.queryParameters
        let q = request.formQuery["q"] ?? ""
        let limit = try Self.limit(params.get("limit"), default: 50, max: 120)
        let catalog = try requireCatalog()
        guard !q.isBlank else { return try JSONResponse.make([HFAPI.SearchResultJSON]()) }
        let results = try await catalog.search(CatalogQuery(text: q, limit: limit, mode: try Self.mode(request)))
        return try JSONResponse.make(results.hits.map(HFAPI.SearchResultJSON.init))
    }

    /// `GET /api/search?q&limit&offset&facets=true|false&mode=lexical|semantic|hybrid`.
    @Sendable func search(_ request: Request, context: Context) async throws -> Response {
        let params = request.uri.queryParameters
        guard let q = request.formQuery["q"], !q.isBlank else { throw PaperboyError.invalid("'q' is required.") }
        let limit = try Self.limit(params.get("limit"), default: 20, max: 100)
        let offset: Int
        if let raw = params.get("offset") {
            guard let o = Int(raw), (0...10_000).contains(o) else {
                throw PaperboyError.invalid("'offset' must be between 0 and 10000, got '\(raw.prefix(20))'.")
            }
            offset = o
        } else { offset = 0 }
        let facets: Bool
        switch params.get("facets") {
        case nil, "true", "1": facets = true
        case "false", "0": facets = false
        case let other?: throw PaperboyError.invalid("'facets' must be true or false, got '\(other.prefix(20))'.")
        }
        let mode = try Self.mode(request)
        let catalog = try requireCatalog()
        let results = try await catalog.search(CatalogQuery(text: q, limit: limit, offset: offset, facets: facets, mode: mode))
        let response = try JSONResponse.make(SearchResponseJSON(results, offset: offset, limit: limit))
        // A next page while results remain and the next offset is one `offset` accepts.
        guard offset + limit < results.total, offset + limit <= 10_000 else { return response }
        return PageLinks.withNext(response, baseURL: baseURL, path: "/api/search",
                                  query: PageLinks.replacing("offset", with: String(offset + limit), in: request))
    }

    private func requireCatalog() throws -> SearchCatalog {
        guard let catalog = catalog else { throw PaperboyError(.configuration, "Search is not available.") }
        return catalog
    }

    static func limit(_ raw: String?, default value: Int, max: Int) throws -> Int {
        guard let raw else { return value }
        guard let l = Int(raw), (1...max).contains(l) else {
            throw PaperboyError.invalid("'limit' must be between 1 and \(max), got '\(raw.prefix(20))'.")
        }
        return l
    }
}

/// `/api/search` response.
struct SearchResponseJSON: Encodable {
    var query: String
    /// The mode that ranked the results.
    var mode: String
    var total: Int
    var offset: Int
    var limit: Int
    var hits: [Hit]
    var facets: Facets?
    var warnings: [String]

    struct Hit: Encodable {
        var id: String
        var score: Float
        var title: String
        var authors: [String]
        var publishedAt: String?
        var categories: [String]
        var upvotes: Int
        var snippet: String
        /// Character ranges of matches inside `snippet` (`[start, end)`, in Unicode scalars).
        var highlights: [[Int]]
        var url: String
    }

    struct Facets: Encodable {
        var categories: [FacetCount]
        var years: [FacetCount]
    }

    init(_ r: CatalogResults, offset: Int, limit: Int) {
        query = r.query.text.joined(separator: " ")
        mode = r.mode.rawValue
        total = r.total
        self.offset = offset
        self.limit = limit
        hits = r.hits.map { h in
            let text = h.snippet.text
            let ranges = h.snippet.highlights.map { range in
                [text.unicodeScalars.distance(from: text.startIndex, to: range.lowerBound),
                 text.unicodeScalars.distance(from: text.startIndex, to: range.upperBound)]
            }
            return Hit(id: h.detail.paper.id.rawValue, score: h.score, title: h.detail.paper.title,
                       authors: h.detail.paper.visibleAuthors.map(\.name),
                       publishedAt: h.detail.paper.publishedAt.map(Timestamp.format),
                       categories: h.detail.paper.categories, upvotes: h.detail.upvotes, snippet: text,
                       highlights: ranges, url: "/papers/\(h.detail.paper.id.rawValue)")
        }
        facets = r.facets.map { Facets(categories: $0.categories, years: $0.years) }
        warnings = r.warnings
    }
}

extension HFAPI {
    /// One element of HF's `/api/papers/search`: the paper plus top-level title/summary (what `PaperInfo` reads).
    struct SearchResultJSON: Encodable {
        var paper: PaperJSON
        var title: String
        var summary: String
        var publishedAt: String?
        var numComments: Int
        var thumbnail: String?

        init(_ hit: CatalogHit) { self.init(detail: hit.detail) }

        init(detail d: PaperDetail) {
            paper = PaperJSON(d.paper, upvotes: d.upvotes, entry: d.entries.first, numComments: nil)
            title = d.paper.title
            summary = d.paper.abstract
            publishedAt = (d.entries.first?.submittedAt ?? d.paper.publishedAt).map(Timestamp.format)
            numComments = d.comments
            thumbnail = d.paper.thumbnail
        }
    }
}

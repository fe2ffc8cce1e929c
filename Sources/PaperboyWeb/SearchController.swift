import Foundation
import Hummingbird
import PaperboyCatalog
import PaperboyCore
import PaperboySearch

/// `/search` (HTML), `/api/papers/search` (HF's shape, for `HfApi.list_papers`) and `/api/search` (ours: offset,
/// facets, scores, warnings).
struct SearchController<Context: CommunityRequestContext>: Sendable {
    let deps: AppDependencies
    let pages: PageRenderer

    func register(on router: Router<Context>) {
        router.get("/search", use: page)
        router.get("/api/papers/search", use: hfSearch)
        router.get("/api/search", use: search)
    }

    @Sendable func page(_ request: Request, context: Context) async throws -> Response {
        let q = request.uri.queryParameters.get("q") ?? ""
        let pageNumber = try FeedController<Context>.pageNumber(request)
        guard let catalog = deps.catalog else {
            return pages.render("search", SearchPageView(query: q, results: nil, pageNumber: 0, unavailable: true),
                                visitor: context.visitor, status: .serviceUnavailable)
        }
        guard !q.isBlank else { return pages.render("search", SearchPageView(query: "", results: nil, pageNumber: 0), visitor: context.visitor) }
        let results = try await catalog.search(CatalogQuery(
            text: q, limit: SearchPageView.pageSize, offset: min(pageNumber, 49) * SearchPageView.pageSize, facets: true))
        var view = SearchPageView(query: q, results: results, pageNumber: pageNumber)
        view.cards = try await deps.markUpvoted(view.cards, by: context.viewer)
        return pages.render("search", view, visitor: context.visitor)
    }

    /// HF's paper search: `q` and `limit` (default 50, at most 120 as on the Hub); a list of `{paper, title, …}`.
    @Sendable func hfSearch(_ request: Request, context: Context) async throws -> Response {
        let params = request.uri.queryParameters
        let q = params.get("q") ?? ""
        let limit = try Self.limit(params.get("limit"), default: 50, max: 120)
        let catalog = try requireCatalog()
        guard !q.isBlank else { return JSONResponse.make([HFAPI.SearchResultJSON]()) }
        let results = try await catalog.search(CatalogQuery(text: q, limit: limit))
        return JSONResponse.make(results.hits.map(HFAPI.SearchResultJSON.init))
    }

    /// `GET /api/search?q&limit&offset&facets=true|false`.
    @Sendable func search(_ request: Request, context: Context) async throws -> Response {
        let params = request.uri.queryParameters
        guard let q = params.get("q"), !q.isBlank else { throw PaperboyError.invalid("'q' is required.") }
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
        let catalog = try requireCatalog()
        let results = try await catalog.search(CatalogQuery(text: q, limit: limit, offset: offset, facets: facets))
        return JSONResponse.make(SearchResponseJSON(results, offset: offset, limit: limit))
    }

    private func requireCatalog() throws -> SearchCatalog {
        guard let catalog = deps.catalog else { throw PaperboyError(.configuration, "Search is not available.") }
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

        init(_ hit: CatalogHit) {
            let d = hit.detail
            paper = PaperJSON(d.paper, upvotes: d.upvotes, entry: d.entries.first, numComments: nil)
            title = d.paper.title
            summary = d.paper.abstract
            publishedAt = (d.entries.first?.submittedAt ?? d.paper.publishedAt).map(Timestamp.format)
            numComments = d.comments
            thumbnail = d.paper.thumbnail
        }
    }
}

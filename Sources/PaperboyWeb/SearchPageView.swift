import Foundation
import PaperboyCatalog
import PaperboyCore
import PaperboySearch

/// The search page: results as cards with highlighted snippets, counts, facets, paging, help.
struct SearchPageView {
    var layout: LayoutView
    var query: String
    var hasQuery: Bool
    var total: Int
    var totalLabel: String
    var cards: [PaperCardView]
    var noResults: Bool
    var categoryFacets: [FacetView]
    var yearFacets: [FacetView]
    var warnings: [String]
    var sorts: [SortLink]
    var pagination: FeedPageView.Pagination?
    var unavailable: Bool
    /// Lexical / Semantic / Hybrid switch (shown when the model is loaded).
    var modes: [SortLink]
    var modeLabel: String?

    struct FacetView {
        var label: String
        var count: Int
        var href: String
    }

    struct SortLink {
        var label: String
        var href: String
        var active: Bool
    }

    static let pageSize = 20

    init(query: String, results: CatalogResults?, pageNumber: Int, unavailable: Bool = false,
         requestedMode: SearchMode? = nil, semanticAvailable: Bool = false) {
        self.query = query
        hasQuery = !query.isBlank
        layout = LayoutView(title: hasQuery ? "\(query) · Search" : "Search", query: query)
        if hasQuery {
            layout.feedLinks += LayoutView.FeedLink.pair("/search", query: "?q=" + Self.href(query).dropFirst("/search?q=".count),
                                                         title: "Search: \(query)")
        }
        self.unavailable = unavailable
        total = results?.total ?? 0
        totalLabel = total == 1 ? "1 paper" : "\(total) papers"
        let offset = pageNumber * Self.pageSize
        cards = (results?.hits ?? []).enumerated().map { i, hit in
            var card = PaperCardView(paper: hit.detail.paper, upvotes: hit.detail.upvotes, comments: hit.detail.comments,
                                     day: nil, submitter: nil, rank: offset + i + 1)
            let segments = hit.snippet.segments.map { PaperCardView.SnippetPart(text: $0.text, isMatch: $0.isMatch) }
            card.snippet = segments.isEmpty ? nil : segments
            card.score = String(format: "%.2f", hit.score)
            return card
        }
        noResults = hasQuery && !unavailable && (results?.hits.isEmpty ?? true)
        let modeParameter = requestedMode.map { "&mode=\($0.rawValue)" } ?? ""
        let base = Self.href(query) + modeParameter
        let ranking = results?.mode ?? .lexical
        modes = semanticAvailable && hasQuery
            ? [("Hybrid", SearchMode.hybrid), ("Keywords", .lexical), ("Meaning", .semantic)].map { label, mode in
                SortLink(label: label, href: Self.href(query) + "&mode=\(mode.rawValue)", active: mode == ranking)
            }
            : []
        modeLabel = hasQuery && results != nil ? [SearchMode.lexical: "ranked by keywords (BM25)",
                                                  .semantic: "ranked by meaning (MiniLM)",
                                                  .hybrid: "ranked by keywords and meaning"][ranking] : nil
        categoryFacets = (results?.facets?.categories ?? []).prefix(10).map {
            FacetView(label: $0.value, count: $0.count, href: Self.href(Self.adding("cat:\($0.value)", to: query)))
        }
        yearFacets = (results?.facets?.years ?? []).prefix(10).map {
            FacetView(label: $0.value, count: $0.count, href: Self.href(Self.adding("year:\($0.value)", to: query)))
        }
        warnings = results?.warnings ?? []
        let current = results?.query.sort ?? .relevance
        sorts = [("Relevance", ParsedQuery.Sort.relevance), ("Newest", .date), ("Most upvoted", .upvotes)].map { label, sort in
            SortLink(label: label, href: Self.href(Self.withSort(sort, query)) + modeParameter, active: sort == current)
        }
        let pages = (total + Self.pageSize - 1) / Self.pageSize
        if hasQuery, pages > 1 {
            pagination = FeedPageView.Pagination(
                previousHref: pageNumber > 0 ? "\(base)&p=\(pageNumber - 1)" : nil,
                nextHref: pageNumber + 1 < min(pages, 50) ? "\(base)&p=\(pageNumber + 1)" : nil,
                label: "Page \(pageNumber + 1) of \(pages)")
        }
    }

    static func href(_ query: String) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&+=?#")
        return "/search?q=" + (query.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
    }

    static func adding(_ term: String, to query: String) -> String {
        query.contains(term) ? query : query.trimmingWhitespace() + " " + term
    }

    /// The query with its `sort:` replaced (relevance drops it).
    static func withSort(_ sort: ParsedQuery.Sort, _ query: String) -> String {
        let kept = query.split(separator: " ").filter { !$0.lowercased().hasPrefix("sort:") }.joined(separator: " ")
        return sort == .relevance ? kept : kept + " sort:\(sort.rawValue)"
    }
}

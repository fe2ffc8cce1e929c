import Foundation
import PaperboyCore
import PaperboySearch
import PaperboyStore

/// A search as the site and the CLI ask it.
public struct CatalogQuery: Sendable, Equatable {
    public var text: String
    public var limit: Int
    public var offset: Int
    public var facets: Bool

    public init(text: String, limit: Int = 20, offset: Int = 0, facets: Bool = false) {
        self.text = text
        self.limit = limit
        self.offset = offset
        self.facets = facets
    }
}

/// One result: the paper with its counts, its score and a highlighted snippet of the abstract.
public struct CatalogHit: Sendable {
    public var detail: PaperDetail
    public var score: Float
    public var snippet: Snippet
}

/// A page of results.
public struct CatalogResults: Sendable {
    public var query: ParsedQuery
    public var total: Int
    public var hits: [CatalogHit]
    public var facets: SearchFacets?
    public var warnings: [String]
}

extension SearchCatalog {
    /// Parses and runs `query`, then loads the hits' papers from the store (in rank order).
    /// Malformed queries throw ``PaperboyError`` with code `.invalidInput` and the parser's message.
    public nonisolated func search(_ query: CatalogQuery) async throws -> CatalogResults {
        let parsed: ParsedQuery
        do {
            parsed = try QueryParser().parse(query.text)
        } catch {
            throw PaperboyError(.invalidInput, error.message)
        }
        let results = indexBox.index.search(SearchRequest(query: parsed, limit: query.limit, offset: query.offset,
                                                          facets: query.facets))
        let details = try await store.details(results.hits.map { PaperID(unchecked: $0.id) })
        let byID = Dictionary(details.map { ($0.paper.id.rawValue, $0) }, uniquingKeysWith: { a, _ in a })
        let highlighter = Highlighter()
        let hits = results.hits.compactMap { hit -> CatalogHit? in
            guard let detail = byID[hit.id] else { return nil }
            return CatalogHit(detail: detail, score: hit.score,
                              snippet: highlighter.snippet(query: parsed, text: detail.paper.abstract))
        }
        return CatalogResults(query: parsed, total: results.total, hits: hits, facets: results.facets,
                              warnings: parsed.warnings + results.warnings)
    }
}

/// What to search and how to return it.
public struct SearchRequest: Sendable {
    public var query: ParsedQuery
    /// Hits to return (clamped to 0…1000).
    public var limit: Int
    /// Hits to skip (clamped to 0…10,000).
    public var offset: Int
    /// Count categories and years over all matches (visits every match).
    public var facets: Bool
    /// Count every match exactly. When false (and no facets, relevance order, no required clauses) the
    /// engine uses MaxScore pruning and `total` is only a lower bound.
    public var exactTotal: Bool

    public init(query: ParsedQuery, limit: Int = 10, offset: Int = 0, facets: Bool = false, exactTotal: Bool = true) {
        self.query = query
        self.limit = limit
        self.offset = offset
        self.facets = facets
        self.exactTotal = exactTotal
    }
}

/// One result.
public struct SearchHit: Sendable, Hashable, Codable {
    /// External document id.
    public var id: String
    /// BM25F score (0 for queries without words).
    public var score: Float

    public init(id: String, score: Float) {
        self.id = id
        self.score = score
    }
}

/// A facet value and how many matches have it.
public struct FacetCount: Sendable, Hashable, Codable {
    public var value: String
    public var count: Int

    public init(value: String, count: Int) {
        self.value = value
        self.count = count
    }
}

/// Counts over all matches: by primary category (most frequent first) and by year (newest first).
public struct SearchFacets: Sendable, Hashable, Codable {
    public var categories: [FacetCount]
    public var years: [FacetCount]
}

/// Search output.
public struct SearchResults: Sendable {
    /// Number of matching documents (a lower bound when `totalIsExact` is false).
    public var total: Int
    public var totalIsExact: Bool
    /// Hits in order, after `offset`, at most `limit`.
    public var hits: [SearchHit]
    /// Present when requested.
    public var facets: SearchFacets?
    /// Parser notes to show the user.
    public var warnings: [String]
}

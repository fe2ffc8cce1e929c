/// One analysed term of a relevance model and its probability P(t | R).
public struct WeightedTerm: Sendable, Hashable {
    /// Analysed (stemmed) term, as the index stores it.
    public var term: String
    /// P(t | R): the term's share of the relevance model (0…1).
    public var weight: Float

    public init(term: String, weight: Float) {
        self.term = term
        self.weight = weight
    }
}

/// Terms a query gained from pseudo-relevance feedback, interpolated with the original words (RM3).
public struct QueryExpansion: Sendable, Hashable {
    /// The relevance model's top terms, weights summing to 1, heaviest first.
    public var terms: [WeightedTerm]
    /// λ: the original query's share of the interpolated query model (0…1).
    public var originalWeight: Float

    public init(terms: [WeightedTerm], originalWeight: Float) {
        self.terms = terms
        self.originalWeight = originalWeight
    }
}

extension IndexSnapshot {
    /// `query` expanded with the relevance model of `feedbackDocuments` (the first pass's top hits with their
    /// title and abstract, best first). Returns `query` unchanged when feedback is off, the query has no words
    /// the analyzer keeps (none, or stop words only), or the documents yield no terms.
    public func expanded(_ query: ParsedQuery, feedbackDocuments: [(text: String, score: Float)],
                         feedback: RelevanceFeedback = .standard) -> ParsedQuery {
        guard feedback.isEnabled, !query.text.isEmpty, !analyzer.analyze(query.text.joined(separator: " ")).isEmpty else {
            return query
        }
        let terms = feedback.relevanceModel(feedbackDocuments, analyzer: analyzer)
        guard !terms.isEmpty else { return query }
        var out = query
        out.expansion = QueryExpansion(terms: terms, originalWeight: feedback.originalWeight)
        return out
    }
}

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

extension IndexSnapshot {
    /// Runs `request` with RM3 feedback: a first pass, the relevance model of its top ``RelevanceFeedback/documents``
    /// hits (`texts` gives each hit's title and abstract, in order, nil when unknown), and the expanded query searched
    /// again. Total, facets and warnings come from the first pass (documents matching the words typed); the hits are
    /// the expanded query's. Feedback comes from the best hits whatever page is asked. Sorted or word-less queries,
    /// first passes without hits and a `texts` that throws all answer with the first pass: feedback only refines the
    /// ranking, it never fails a search.
    public func search(_ request: SearchRequest, feedback: RelevanceFeedback,
                       texts: ([SearchHit]) async throws -> [String?]) async -> SearchResults {
        let first = search(request)
        guard feedback.isEnabled, request.query.sort == .relevance, !request.query.text.isEmpty else { return first }
        let best = request.offset == 0 ? first.hits
            : search(SearchRequest(query: request.query, limit: feedback.documents, exactTotal: false)).hits
        let top = Array(best.prefix(feedback.documents))
        guard !top.isEmpty, let found = try? await texts(top) else { return first }
        let documents = zip(top, found).compactMap { hit, text in text.map { (text: $0, score: hit.score) } }
        let query = expanded(request.query, feedbackDocuments: documents, feedback: feedback)
        guard query.expansion != nil else { return first }
        var results = first
        results.hits = search(SearchRequest(query: query, limit: request.limit, offset: request.offset, exactTotal: false)).hits
        return results
    }
}

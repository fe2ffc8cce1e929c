/// What a dense (semantic) retriever must respect of a lexical query: it ranks by meaning, so it uses the
/// query's words, but phrases, `author:`, exclusions, categories and dates are constraints only the inverted
/// index can evaluate.
extension ParsedQuery {
    /// The text a sentence encoder should embed: quoted phrases and free words, in that order.
    public var semanticText: String {
        (required.filter { $0.field == .text }.map(\.text) + text).joined(separator: " ")
    }

    /// True when some result could be excluded by something other than its words' similarity.
    public var hasConstraints: Bool {
        !required.isEmpty || !excluded.isEmpty || !categories.isEmpty || !excludedCategories.isEmpty
            || fromDay != nil || toDay != nil
    }

    /// The query without free words and with relevance order: matches exactly the documents that satisfy
    /// the constraints.
    public var constraintsOnly: ParsedQuery {
        var q = self
        q.text = []
        q.sort = .relevance
        return q
    }
}

extension IndexSnapshot {
    /// Ids of every live document satisfying `query`'s constraints (phrases, `author:`, exclusions, categories,
    /// dates), uncapped; `nil` when the query has none (every document qualifies).
    public func documentIDs(satisfying query: ParsedQuery) -> Set<String>? {
        guard query.hasConstraints else { return nil }
        let constraints = query.constraintsOnly
        let plan = QueryPlan(query: constraints, snapshot: self)
        var collector = Collector(capacity: max(1, maxDoc), sort: .relevance, facets: false)
        for view in views { runExhaustive(plan, view, constraints.isFilterOnly, &collector) }
        var ids = Set<String>()
        for entry in collector.topK.sorted() {
            let (view, local) = locate(entry.doc)
            ids.insert(view.segment.id(local))
        }
        return ids
    }
}

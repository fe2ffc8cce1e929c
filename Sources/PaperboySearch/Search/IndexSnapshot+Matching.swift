extension IndexSnapshot {
    /// Ids of every live document `query` matches, uncapped and unranked: what a list filter (`?q=` on the daily,
    /// weekly, monthly and trending lists) keeps. The same evaluation as ``search(_:)`` with an exact total — any
    /// of the free words (as search ranks them), every phrase and `author:`, the category and date filters, none of
    /// the exclusions — so a list filtered by a query shows the papers a search for it would find. A query of
    /// exclusions only keeps every document but the excluded ones. `nil` when the query has nothing to filter by.
    public func documentIDs(matching query: ParsedQuery) -> Set<String>? {
        guard !query.isEmpty || !query.excluded.isEmpty else { return nil }
        var q = query
        q.sort = .relevance
        let plan = QueryPlan(query: q, snapshot: self)
        var collector = Collector(capacity: max(1, maxDoc), sort: .relevance, facets: false)
        for view in views { runExhaustive(plan, view, q.isFilterOnly, &collector) }
        var ids = Set<String>(minimumCapacity: collector.total)
        for entry in collector.topK.items { // a set: no need to sort the matches
            let (view, local) = locate(entry.doc)
            ids.insert(view.segment.id(local))
        }
        return ids
    }
}

/// Exhaustive evaluation: visits every match in a segment (needed for exact totals, facets and non-relevance
/// orders). Three drivers: all docs (filter-only queries), a conjunction of required clauses, or the union of
/// free-text terms.
extension IndexSnapshot {
    func runExhaustive(_ plan: QueryPlan, _ view: SegmentView, _ filterOnly: Bool, _ collector: inout Collector) {
        collector.beginSegment(view)
        let segment = view.segment
        let include = plan.categoryMask(plan.categories, in: segment)
        let exclude = plan.categoryMask(plan.excludedCategories, in: segment)
        let hasFilters = plan.hasFilters
        let excluded = plan.excluded.map { PhraseMatcher($0, view, snapshot: self) }.filter(\.isPossible)
        func accepts(_ doc: Int) -> Bool {
            if !view.isLive(doc) { return false }
            if hasFilters && !plan.passesFilters(view, doc, categoryFilter: include, excludedFilter: exclude) {
                return false
            }
            for e in excluded where e.matches(doc) { return false }
            return true
        }
        if filterOnly {
            for doc in 0..<segment.docCount where accepts(doc) { collector.collect(view, doc, 0) }
            return
        }
        let should = plan.should.compactMap { term -> PostingCursor? in
            guard let c = cursor(term, view) else { return nil }
            c.advance(to: 0)
            return c
        }
        if plan.required.isEmpty {
            unionLoop(should, view, accepts, &collector)
            return
        }
        let required = plan.required.map { PhraseMatcher($0, view, snapshot: self) }
        guard required.allSatisfy(\.isPossible) else { return }
        let all = required.flatMap(\.cursors).sorted { $0.docFreq < $1.docFreq }
        guard let lead = all.first else { return }
        var target = lead.doc
        while target != PostingCursor.noMoreDocs {
            var aligned = true
            for c in all {
                c.advance(to: target)
                if c.doc != target {
                    target = c.doc
                    aligned = false
                    break
                }
            }
            if !aligned { continue }
            if required.allSatisfy({ $0.positionsMatch() }) && accepts(target) {
                var score: Float = 0
                for r in required { score += r.score() }
                for c in should {
                    c.advance(to: target)
                    if c.doc == target { score += c.score() }
                }
                collector.collect(view, target, score)
            }
            lead.next()
            target = lead.doc
        }
    }

    private func unionLoop(
        _ cursors: [PostingCursor], _ view: SegmentView, _ accepts: (Int) -> Bool, _ collector: inout Collector
    ) {
        guard !cursors.isEmpty else { return }
        while true {
            var doc = PostingCursor.noMoreDocs
            for c in cursors where c.doc < doc { doc = c.doc }
            if doc == PostingCursor.noMoreDocs { return }
            var score: Float = 0
            for c in cursors where c.doc == doc {
                score += c.score()
                c.next()
            }
            if accepts(doc) { collector.collect(view, doc, score) }
        }
    }
}

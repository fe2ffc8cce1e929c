/// Top-k by relevance with MaxScore (Turtle & Flood 1995) plus block-max bounds: terms are sorted by their
/// score upper bound; the cheapest prefix whose bounds sum to at most the current k-th score is "non-essential"
/// and only probed for docs found by the essential terms. Candidate docs whose block-max bounds cannot beat
/// the threshold are skipped without scoring. Never scores every match; `total` counts candidates only.
extension IndexSnapshot {
    func runMaxScore(_ plan: QueryPlan, _ view: SegmentView, _ collector: inout Collector) {
        collector.beginSegment(view)
        let segment = view.segment
        let include = plan.categoryMask(plan.categories, in: segment)
        let exclude = plan.categoryMask(plan.excludedCategories, in: segment)
        let hasFilters = plan.hasFilters
        let excluded = plan.excluded.map { PhraseMatcher($0, view, snapshot: self) }.filter(\.isPossible)
        let hasDeletions = view.deletions.count > 0
        let cursors = plan.should.compactMap { term -> PostingCursor? in
            guard let c = cursor(term, view) else { return nil }
            c.advance(to: 0)
            return c
        }.sorted { $0.maxScore < $1.maxScore }
        let n = cursors.count
        guard n > 0 else { return }
        var prefix = [Float](repeating: 0, count: n)
        var sum: Float = 0
        for i in 0..<n {
            sum += cursors[i].maxScore
            prefix[i] = sum
        }
        var firstEssential = 0
        var threshold = Float(collector.threshold)
        while true {
            while firstEssential < n && prefix[firstEssential] <= threshold { firstEssential += 1 }
            if firstEssential >= n { return }
            var doc = PostingCursor.noMoreDocs
            for i in firstEssential..<n where cursors[i].doc < doc { doc = cursors[i].doc }
            if doc == PostingCursor.noMoreDocs { return }
            let nonEssentialBound = firstEssential > 0 ? prefix[firstEssential - 1] : 0
            // Block-max bound of the essential terms on this doc.
            var bound = nonEssentialBound
            for i in firstEssential..<n where cursors[i].doc == doc {
                bound += cursors[i].blockMaxScore(upTo: doc).score
            }
            if bound <= threshold || (hasDeletions && !view.isLive(doc))
                || (hasFilters && !plan.passesFilters(view, doc, categoryFilter: include, excludedFilter: exclude))
            {
                for i in firstEssential..<n where cursors[i].doc == doc { cursors[i].next() }
                continue
            }
            var score: Float = 0
            for i in firstEssential..<n where cursors[i].doc == doc {
                score += cursors[i].score()
                cursors[i].next()
            }
            var possible = true
            var j = firstEssential - 1
            while j >= 0 {
                if score + prefix[j] <= threshold { possible = false; break }
                let c = cursors[j]
                c.advance(to: doc)
                if c.doc == doc { score += c.score() }
                j -= 1
            }
            guard possible, score > threshold || !collector.topK.isFull else { continue }
            if excluded.contains(where: { $0.matches(doc) }) { continue }
            collector.collect(view, doc, score)
            threshold = Float(collector.threshold)
        }
    }
}

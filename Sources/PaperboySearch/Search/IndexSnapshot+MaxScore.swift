/// Top-k by relevance with block-max MaxScore (Turtle & Flood's MaxScore, applied per window of blocks as in
/// Lucene's `MaxScoreBulkScorer`):
///
/// 1. The doc space is cut into windows that end at the nearest block end of any term. Each term's score bound
///    in the window is its block maximum there, read from the skip data without decoding.
/// 2. A window whose bounds sum to at most the current k-th score is skipped without decoding anything.
/// 3. Otherwise terms are sorted by bound; the cheapest prefix whose bounds sum to at most the threshold is
///    "non-essential": only the other (essential) terms produce candidates, and non-essential terms are probed
///    for a candidate only while the remaining bounds can still lift it over the threshold.
///
/// Never scores every match; `total` counts scored candidates only (a lower bound).
extension IndexSnapshot {
    func runMaxScore(_ plan: QueryPlan, _ view: SegmentView, _ collector: inout Collector) {
        collector.beginSegment(view)
        let segment = view.segment
        let include = plan.categoryMask(plan.categories, in: segment)
        let exclude = plan.categoryMask(plan.excludedCategories, in: segment)
        let hasFilters = plan.hasFilters
        let excluded = plan.excluded.map { PhraseMatcher($0, view, snapshot: self) }.filter(\.isPossible)
        let hasDeletions = view.deletions.count > 0
        let cursors = plan.should.compactMap { cursor($0, view) }
        let n = cursors.count
        guard n > 0 else { return }
        var bounds = [Float](repeating: 0, count: n)
        var order = Array(0..<n)
        var prefix = [Float](repeating: 0, count: n)
        var threshold = Float(collector.threshold)
        var windowStart = 0
        while windowStart < segment.docCount {
            var windowEnd = PostingCursor.noMoreDocs
            var total: Float = 0
            for i in 0..<n {
                let (s, last) = cursors[i].blockMaxScore(upTo: windowStart)
                bounds[i] = s
                total += s
                if last < windowEnd { windowEnd = last }
            }
            if windowEnd == PostingCursor.noMoreDocs { return }
            if total <= threshold {
                windowStart = windowEnd + 1
                continue
            }
            order.sort { bounds[$0] < bounds[$1] }
            var sum: Float = 0
            for k in 0..<n {
                sum += bounds[order[k]]
                prefix[k] = sum
            }
            var firstEssential = 0
            while firstEssential < n && prefix[firstEssential] <= threshold { firstEssential += 1 }
            for k in firstEssential..<n { cursors[order[k]].advance(to: windowStart) }
            while firstEssential < n {
                if firstEssential == n - 1 {
                    // One essential term: skip its docs whose own score cannot reach the threshold even with
                    // every non-essential bound added, without the general bookkeeping.
                    let e = cursors[order[n - 1]]
                    let needed = threshold - (n > 1 ? prefix[n - 2] : 0)
                    while e.doc <= windowEnd && e.score() <= needed { e.next() }
                }
                var doc = PostingCursor.noMoreDocs
                for k in firstEssential..<n where cursors[order[k]].doc < doc { doc = cursors[order[k]].doc }
                if doc > windowEnd { break }
                if (hasDeletions && !view.isLive(doc))
                    || (hasFilters && !plan.passesFilters(view, doc, categoryFilter: include, excludedFilter: exclude))
                {
                    for k in firstEssential..<n where cursors[order[k]].doc == doc { cursors[order[k]].next() }
                    continue
                }
                var score: Float = 0
                for k in firstEssential..<n where cursors[order[k]].doc == doc {
                    score += cursors[order[k]].score()
                    cursors[order[k]].next()
                }
                var competitive = true
                var k = firstEssential - 1
                while k >= 0 {
                    if score + prefix[k] <= threshold { competitive = false; break }
                    let c = cursors[order[k]]
                    c.advance(to: doc)
                    if c.doc == doc { score += c.score() }
                    k -= 1
                }
                guard competitive, score > threshold || !collector.topK.isFull else { continue }
                if excluded.contains(where: { $0.matches(doc) }) { continue }
                collector.collect(view, doc, score)
                threshold = Float(collector.threshold)
                while firstEssential < n && prefix[firstEssential] <= threshold { firstEssential += 1 }
            }
            windowStart = windowEnd + 1
        }
    }
}

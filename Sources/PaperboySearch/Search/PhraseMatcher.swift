/// Matches one required or excluded clause in one segment: all its terms in the doc, at their relative
/// positions when there is more than one term.
final class PhraseMatcher {
    let cursors: [PostingCursor]
    let offsets: [Int]
    /// False when a term is absent from the segment (the clause can never match there).
    let isPossible: Bool
    private var buffers: [[Int]]

    init(_ phrase: QueryPlan.Phrase, _ view: SegmentView, snapshot: IndexSnapshot) {
        var cursors: [PostingCursor] = []
        var possible = true
        for term in phrase.terms {
            guard let c = snapshot.cursor(term, view) else { possible = false; break }
            c.advance(to: 0)
            cursors.append(c)
        }
        self.cursors = cursors
        offsets = phrase.offsets
        isPossible = possible
        buffers = Array(repeating: [], count: cursors.count)
    }

    /// With every cursor on `doc`: true when the positions line up (always true for one term).
    func positionsMatch() -> Bool {
        if cursors.count <= 1 { return true }
        for i in cursors.indices { cursors[i].positions(into: &buffers[i]) }
        let base = offsets[0]
        outer: for p in buffers[0] {
            let start = p - base
            for i in 1..<cursors.count {
                if !contains(buffers[i], start + offsets[i]) { continue outer }
            }
            return true
        }
        return false
    }

    private func contains(_ sorted: [Int], _ value: Int) -> Bool {
        var lo = 0
        var hi = sorted.count - 1
        while lo <= hi {
            let mid = (lo + hi) >> 1
            if sorted[mid] == value { return true }
            if sorted[mid] < value { lo = mid + 1 } else { hi = mid - 1 }
        }
        return false
    }

    /// Exclusion test: advances the cursors to `doc` and reports whether the clause matches there.
    func matches(_ doc: Int) -> Bool {
        guard isPossible else { return false }
        for c in cursors {
            c.advance(to: doc)
            if c.doc != doc { return false }
        }
        return positionsMatch()
    }

    /// Sum of the term scores at the current doc.
    func score() -> Float {
        var s: Float = 0
        for c in cursors { s += c.score() }
        return s
    }
}

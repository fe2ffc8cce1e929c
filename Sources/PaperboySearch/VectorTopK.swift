/// Keeps the `k` highest-scoring `(score, slot)` pairs seen so far (a min-heap on score).
struct VectorTopK {
    let k: Int
    private(set) var heap: [(score: Float, slot: Int32)] = []

    init(k: Int) {
        self.k = max(0, k)
        heap.reserveCapacity(self.k)
    }

    /// The lowest kept score, or -infinity while fewer than `k` are kept.
    var threshold: Float { heap.count < k ? -.infinity : heap[0].score }

    mutating func insert(score: Float, slot: Int32) {
        guard k > 0 else { return }
        if heap.count < k {
            heap.append((score, slot))
            siftUp(heap.count - 1)
        } else if score > heap[0].score {
            heap[0] = (score, slot)
            siftDown(0)
        }
    }

    /// The kept pairs, best first.
    func sorted() -> [(score: Float, slot: Int32)] {
        heap.sorted { $0.score != $1.score ? $0.score > $1.score : $0.slot < $1.slot }
    }

    private mutating func siftUp(_ index: Int) {
        var i = index
        while i > 0 {
            let parent = (i - 1) / 2
            guard heap[i].score < heap[parent].score else { return }
            heap.swapAt(i, parent)
            i = parent
        }
    }

    private mutating func siftDown(_ index: Int) {
        var i = index
        let n = heap.count
        while true {
            let l = 2 * i + 1, r = l + 1
            var m = i
            if l < n && heap[l].score < heap[m].score { m = l }
            if r < n && heap[r].score < heap[m].score { m = r }
            if m == i { return }
            heap.swapAt(i, m)
            i = m
        }
    }
}

import PaperboyCore

/// A stored vector's slot and its score against a query.
typealias ScoredSlot = (score: Float, slot: Int32)

/// Orders for PaperboyCore's ``BinaryHeap`` and ``TopK`` over scored slots.
enum ScoreOrder {
    /// Worst first — a lower score, then on equal scores a higher slot: a ``TopK`` keeps the best by (score
    /// descending, slot ascending), the order every vector search returns.
    enum LowestFirst: HeapOrder {
        @inline(__always)
        static func first(_ a: ScoredSlot, _ b: ScoredSlot) -> Bool {
            a.score != b.score ? a.score < b.score : a.slot > b.slot
        }
    }

    /// Best first by score: the HNSW search's candidate queue.
    enum HighestFirst: HeapOrder {
        @inline(__always)
        static func first(_ a: ScoredSlot, _ b: ScoredSlot) -> Bool { a.score > b.score }
    }
}

/// The `k` best scored slots seen so far.
typealias VectorTopK = TopK<ScoreOrder.LowestFirst>

extension TopK where Order == ScoreOrder.LowestFirst {
    /// The lowest kept score, or -infinity while fewer than `capacity` are kept.
    @inline(__always)
    var threshold: Float { worst?.score ?? -.infinity }
}

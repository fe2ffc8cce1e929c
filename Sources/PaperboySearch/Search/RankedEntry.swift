import PaperboyCore

/// A collected document: its primary sort key (score, day or upvotes), the score as tie-break for the non-relevance
/// orders, and its index-wide doc number.
struct RankedEntry {
    var primary: Double
    var secondary: Float
    var doc: Int
}

/// The collector's order for PaperboyCore's ``TopK``: `first(a, b)` when `a` ranks below `b` by (primary desc,
/// secondary desc, doc asc).
enum RankedOrder: HeapOrder {
    @inline(__always)
    static func first(_ a: RankedEntry, _ b: RankedEntry) -> Bool {
        if a.primary != b.primary { return a.primary < b.primary }
        if a.secondary != b.secondary { return a.secondary < b.secondary }
        return a.doc > b.doc
    }
}

extension TopK where Order == RankedOrder {
    /// Primary key an entry must beat to enter (−∞ while not full).
    @inline(__always)
    var threshold: Double { worst?.primary ?? -.infinity }
}

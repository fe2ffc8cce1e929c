/// Keeps the best `capacity` entries by (primary desc, secondary desc, doc asc) in a binary min-heap whose root
/// is the worst kept entry.
struct TopK {
    struct Entry {
        var primary: Double
        var secondary: Float
        var doc: Int
    }

    let capacity: Int
    private(set) var heap: [Entry] = []

    init(capacity: Int) {
        self.capacity = capacity
        heap.reserveCapacity(min(capacity, 4096))
    }

    /// True when `a` ranks below `b`.
    @inline(__always)
    static func worse(_ a: Entry, _ b: Entry) -> Bool {
        if a.primary != b.primary { return a.primary < b.primary }
        if a.secondary != b.secondary { return a.secondary < b.secondary }
        return a.doc > b.doc
    }

    var isFull: Bool { heap.count >= capacity }

    /// Primary key an entry must beat to enter (−∞ while not full).
    var threshold: Double { isFull && capacity > 0 ? heap[0].primary : -.infinity }

    mutating func insert(_ e: Entry) {
        guard capacity > 0 else { return }
        if heap.count < capacity {
            heap.append(e)
            var i = heap.count - 1
            while i > 0 {
                let parent = (i - 1) / 2
                guard Self.worse(heap[i], heap[parent]) else { break }
                heap.swapAt(i, parent)
                i = parent
            }
        } else if Self.worse(heap[0], e) {
            heap[0] = e
            var i = 0
            while true {
                let l = 2 * i + 1
                let r = l + 1
                var m = i
                if l < heap.count && Self.worse(heap[l], heap[m]) { m = l }
                if r < heap.count && Self.worse(heap[r], heap[m]) { m = r }
                if m == i { break }
                heap.swapAt(i, m)
                i = m
            }
        }
    }

    /// Entries best first.
    func sorted() -> [Entry] { heap.sorted { Self.worse($1, $0) } }
}

/// A binary heap of `(score, slot)` ordered by score: `maxFirst` pops the highest score first,
/// otherwise the lowest. Used by the HNSW search (candidates and the bounded result set).
struct VectorHeap {
    private(set) var items: [(score: Float, slot: Int32)] = []
    let maxFirst: Bool

    init(maxFirst: Bool, capacity: Int = 0) {
        self.maxFirst = maxFirst
        items.reserveCapacity(capacity)
    }

    var count: Int { items.count }
    var isEmpty: Bool { items.isEmpty }
    var top: (score: Float, slot: Int32)? { items.first }

    @inline(__always)
    private func before(_ a: Float, _ b: Float) -> Bool { maxFirst ? a > b : a < b }

    mutating func push(_ score: Float, _ slot: Int32) {
        items.append((score, slot))
        var i = items.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard before(items[i].score, items[parent].score) else { break }
            items.swapAt(i, parent)
            i = parent
        }
    }

    @discardableResult
    mutating func pop() -> (score: Float, slot: Int32)? {
        guard let first = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var i = 0
            let n = items.count
            while true {
                let l = 2 * i + 1, r = l + 1
                var m = i
                if l < n && before(items[l].score, items[m].score) { m = l }
                if r < n && before(items[r].score, items[m].score) { m = r }
                if m == i { break }
                items.swapAt(i, m)
                i = m
            }
        }
        return first
    }
}

/// Marks visited slots during one graph search: a generation stamp per slot, so clearing is O(1).
struct VectorVisited {
    private var marks: [UInt32]
    private var generation: UInt32 = 1

    init(count: Int) {
        marks = [UInt32](repeating: 0, count: count)
    }

    /// Starts a new search over `count` slots.
    mutating func reset(count: Int) {
        if marks.count < count { marks.append(contentsOf: repeatElement(0, count: count - marks.count)) }
        generation &+= 1
        if generation == 0 {
            for i in marks.indices { marks[i] = 0 }
            generation = 1
        }
    }

    /// Marks `slot`; returns false when it was already marked in this search.
    @inline(__always)
    mutating func insert(_ slot: Int32) -> Bool {
        let i = Int(slot)
        if marks[i] == generation { return false }
        marks[i] = generation
        return true
    }
}

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

/// The order of a ``BinaryHeap``: `first(a, b)` is true when `a` belongs nearer the root than `b`. A type, not a
/// closure, so that heaps in hot loops (the lexical collector, the vector scan, the HNSW search) are specialised and
/// the comparison inlined.
public protocol HeapOrder {
    associatedtype Element
    static func first(_ a: Element, _ b: Element) -> Bool
}

/// A binary heap whose root (``top``) is the element its ``HeapOrder`` puts first.
public struct BinaryHeap<Order: HeapOrder> {
    @usableFromInline var storage: [Order.Element] = []

    /// The elements in heap order (the root first), not sorted.
    @inlinable public var items: [Order.Element] { storage }

    @inlinable
    public init(capacity: Int = 0) {
        storage.reserveCapacity(max(0, capacity))
    }

    @inlinable public var count: Int { storage.count }
    @inlinable public var isEmpty: Bool { storage.isEmpty }
    @inlinable public var top: Order.Element? { storage.first }

    @inlinable
    public mutating func push(_ element: Order.Element) {
        storage.append(element)
        var i = storage.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard Order.first(storage[i], storage[parent]) else { break }
            storage.swapAt(i, parent)
            i = parent
        }
    }

    /// Removes and returns the root.
    @inlinable @discardableResult
    public mutating func pop() -> Order.Element? {
        guard let first = storage.first else { return nil }
        let last = storage.removeLast()
        if !storage.isEmpty {
            storage[0] = last
            siftDown(0)
        }
        return first
    }

    /// Replaces the root with `element` (the heap must not be empty); cheaper than `pop` then `push`.
    @inlinable
    public mutating func replaceTop(_ element: Order.Element) {
        storage[0] = element
        siftDown(0)
    }

    @inlinable
    mutating func siftDown(_ index: Int) {
        var i = index
        let n = storage.count
        while true {
            let l = 2 * i + 1, r = l + 1
            var m = i
            if l < n && Order.first(storage[l], storage[m]) { m = l }
            if r < n && Order.first(storage[r], storage[m]) { m = r }
            if m == i { return }
            storage.swapAt(i, m)
            i = m
        }
    }
}

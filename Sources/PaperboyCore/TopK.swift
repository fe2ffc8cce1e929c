/// Keeps the best `capacity` elements seen so far: a ``BinaryHeap`` whose root is the worst kept element, so that
/// `Order.first(a, b)` means "`a` ranks below `b`". The one top-k of the code base: the lexical collector, the
/// vector scans and the HNSW result set all use it.
public struct TopK<Order: HeapOrder> {
    public let capacity: Int
    @usableFromInline var heap: BinaryHeap<Order>

    @inlinable
    public init(capacity: Int) {
        self.capacity = max(0, capacity)
        heap = BinaryHeap(capacity: min(self.capacity, 4096))
    }

    @inlinable public var count: Int { heap.count }
    @inlinable public var isFull: Bool { heap.count >= capacity }
    /// The worst kept element once full (what a newcomer must beat), nil before.
    @inlinable public var worst: Order.Element? { isFull ? heap.top : nil }
    /// The kept elements in heap order, not sorted.
    @inlinable public var items: [Order.Element] { heap.items }

    /// Keeps `element` if there is room or it ranks above the worst kept one.
    @inlinable
    public mutating func insert(_ element: Order.Element) {
        guard capacity > 0 else { return }
        if heap.count < capacity {
            heap.push(element)
        } else if let worst = heap.top, Order.first(worst, element) {
            heap.replaceTop(element)
        }
    }

    /// Removes and returns the worst kept element.
    @inlinable @discardableResult
    public mutating func popWorst() -> Order.Element? { heap.pop() }

    /// The kept elements, best first.
    @inlinable
    public func sorted() -> [Order.Element] { heap.items.sorted { Order.first($1, $0) } }
}

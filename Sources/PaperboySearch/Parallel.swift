import Dispatch
import Foundation

/// Fork–join over a few threads (`DispatchQueue.concurrentPerform`), for the scans and snippet pages that split
/// their work by core.
enum Parallel {
    /// `body(0) … body(count - 1)`, run concurrently; the results in index order.
    static func map<T>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        let slots = Slots<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { slots.set($0, body($0)) }
        return slots.values
    }

    /// One slot per iteration, each written once by its own thread.
    private final class Slots<T>: @unchecked Sendable {
        private var slots: [T?]
        private let lock = NSLock()
        init(count: Int) { slots = Array(repeating: nil, count: count) }
        func set(_ index: Int, _ value: T) {
            lock.lock(); defer { lock.unlock() }
            slots[index] = value
        }
        var values: [T] {
            lock.lock(); defer { lock.unlock() }
            return slots.compactMap { $0 }
        }
    }
}

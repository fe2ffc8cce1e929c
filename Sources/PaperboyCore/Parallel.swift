import Foundation

/// Fork–join over a few threads of its own, for the scans and snippet pages that split their work by core.
///
/// `body(0)` runs on the calling thread and every other part on a thread started for it, joined before returning.
/// Not `DispatchQueue.concurrentPerform`: callers are searches running on Swift concurrency's cooperative threads,
/// and handing parts to the shared pools would make them wait behind (and block) other tasks; a thread start costs
/// tens of microseconds against scans of milliseconds.
public enum Parallel {
    /// `body(0) … body(count - 1)`, run concurrently; the results in index order.
    public static func map<T>(_ count: Int, _ body: @escaping @Sendable (Int) -> T) -> [T] {
        guard count > 1 else { return count == 1 ? [body(0)] : [] }
        let slots = Slots<T>(count: count)
        let finished = DispatchSemaphore(value: 0)
        for index in 1..<count {
            Thread {
                slots.set(index, body(index))
                finished.signal()
            }.start()
        }
        slots.set(0, body(0))
        for _ in 1..<count { finished.wait() }
        return slots.values
    }

    /// One slot per part, each written once by its own thread.
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

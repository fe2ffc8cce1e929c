import Hummingbird
import NIOCore
import Synchronization

/// One cached answer: the body as sent without and with gzip, its validators, and what a signed-in reader's copy
/// must fill in (``PersonalPages``).
struct CachedAnswer: Sendable {
    /// The route pattern that produced it (`/papers/{id}`), for metrics and the access log on a hit.
    var route: String
    var contentType: String
    /// Strong ETag over the key (data version included) and the body.
    var etag: String
    var identity: ByteBuffer
    /// `nil` when the body is too small to be worth compressing (or zlib failed).
    var gzip: ByteBuffer?
    /// A signed-in page's skeleton (``PersonalPages``); then the bodies are empty.
    var skeleton: PageSkeleton?
    /// Headers of the handler's answer that every copy repeats (``HTTPCachingMiddleware/keptHeaders``: `Link`, …).
    var keptHeaders = HTTPFields()

    /// Bytes this entry holds (bodies or skeleton, plus a fixed overhead for the key and bookkeeping).
    var cost: Int {
        identity.readableBytes + (gzip?.readableBytes ?? 0) + 256
            + (skeleton.map { $0.byteCount + $0.paperIDs.count * 32 + $0.slots.count * 16 } ?? 0)
    }
}

/// A bounded LRU of answers keyed by (route, normalised query, data version): ``HTTPCachingMiddleware`` and
/// ``PersonalPages`` share one per app. When the entries' bytes pass `budget`, the least recently used go first.
/// A key carries the data version, so a write never needs to find and delete entries: the next request asks for a
/// new key, and the old entries age out. `budget` 0 turns caching off.
final class ResponseCache: Sendable {
    let budget: Int
    private let state: Mutex<State>

    init(budget: Int) {
        self.budget = max(0, budget)
        state = Mutex(State())
    }

    var isEnabled: Bool { budget > 0 }

    func get(_ key: String) -> CachedAnswer? {
        state.withLock { $0.lru.get(key) }
    }

    func put(_ key: String, _ answer: CachedAnswer) {
        guard isEnabled, answer.cost <= budget / 4 else { return }  // one page may not flush a quarter of the cache
        let budget = self.budget
        state.withLock { $0.lru.put(key, answer, budget: budget) }
    }

    /// (entries, bytes) now, for `/metrics`.
    var usage: (entries: Int, bytes: Int) {
        state.withLock { ($0.lru.nodes.count, $0.lru.bytes) }
    }

    /// What a request for `key` should do (``claim(_:)``).
    enum Claim: Sendable {
        /// The answer is cached (or was just made by the request this one waited for).
        case hit(CachedAnswer)
        /// Nobody is making it: this request renders it and must call ``finish(_:with:)`` (also when it fails).
        case lead
        /// The request this one waited for made nothing cacheable: render without caching.
        case miss
    }

    /// Looks `key` up; on a miss, exactly one caller (the first) renders while later callers for the same key wait
    /// for its answer instead of rendering the same page again. Without this, 64 connections missing a key at once
    /// (a write, the minute turning, a cold start) render it 64 times and the latency spike is the p99.
    func claim(_ key: String) async -> Claim {
        guard isEnabled else { return .miss }
        if let hit = get(key) { return .hit(hit) }
        return await withCheckedContinuation { (continuation: CheckedContinuation<Claim, Never>) in
            let now: Claim? = state.withLock { state in
                if let hit = state.lru.get(key) { return .hit(hit) }
                if state.waiting[key] != nil {
                    state.waiting[key, default: []].append(continuation)
                    return nil   // resumed by the leader's finish
                }
                state.waiting[key] = []
                return .lead
            }
            if let now { continuation.resume(returning: now) }
        }
    }

    /// Ends a ``Claim/lead``: stores `answer` (if any) and hands it to the requests waiting for it.
    func finish(_ key: String, with answer: CachedAnswer?) {
        // Stored first, so a request arriving between the two locks is a hit rather than a second leader.
        if let answer { put(key, answer) }
        let waiters = state.withLock { $0.waiting.removeValue(forKey: key) ?? [] }
        for waiter in waiters { waiter.resume(returning: answer.map(Claim.hit) ?? .miss) }
    }

    struct State {
        var lru = LRU()
        var waiting: [String: [CheckedContinuation<Claim, Never>]] = [:]
    }

    /// A doubly linked list threaded through a dictionary: O(1) get, put and eviction.
    struct LRU {
        struct Node {
            var answer: CachedAnswer
            var newer: String?
            var older: String?
        }

        var nodes: [String: Node] = [:]
        var newest: String?
        var oldest: String?
        var bytes = 0

        mutating func get(_ key: String) -> CachedAnswer? {
            guard let node = nodes[key] else { return nil }
            unlink(key)
            pushNewest(key, node.answer)
            return node.answer
        }

        mutating func put(_ key: String, _ answer: CachedAnswer, budget: Int) {
            if nodes[key] != nil { remove(key) }
            pushNewest(key, answer)
            bytes += answer.cost
            while bytes > budget, let victim = oldest { remove(victim) }
        }

        private mutating func remove(_ key: String) {
            guard let node = nodes[key] else { return }
            unlink(key)
            bytes -= node.answer.cost
        }

        private mutating func unlink(_ key: String) {
            guard let node = nodes.removeValue(forKey: key) else { return }
            if let newer = node.newer { nodes[newer]?.older = node.older } else { newest = node.older }
            if let older = node.older { nodes[older]?.newer = node.newer } else { oldest = node.newer }
        }

        private mutating func pushNewest(_ key: String, _ answer: CachedAnswer) {
            nodes[key] = Node(answer: answer, newer: nil, older: newest)
            if let newest { nodes[newest]?.newer = key }
            newest = key
            if oldest == nil { oldest = key }
        }
    }
}

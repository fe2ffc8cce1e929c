import PaperboyCore
import PaperboyStore

/// Keeps a ``PaperFacts`` table in step with the store's commit-ordered change feed: the first call reads the
/// whole feed, later calls only what changed (one `feedHead` read when nothing did). Single flight: concurrent
/// callers wait for one catch-up, under the actor's isolation.
public actor FactsFollower {
    let store: any PaperStore
    private var facts = PaperFacts()
    private var cursor: ChangeCursor?

    public init(store: any PaperStore) {
        self.store = store
    }

    /// The facts as of the store's current feed head (or later).
    public func current() async throws -> PaperFacts {
        if let head = try await store.feedHead(), let cursor, head <= cursor { return facts }
        while true {
            let changes = try await store.changes(after: cursor, limit: 5000)
            if changes.isEmpty { break }
            for change in changes { facts.apply(change) }
            cursor = changes.last?.cursor
            facts.position = cursor?.position ?? 0
        }
        return facts
    }
}

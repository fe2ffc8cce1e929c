import PaperboySearch
import PaperboyStore
import PaperboyVectors
import Synchronization

/// The indexes searches read, published together: the lexical index (whose committed ``SearchIndex/snapshot`` is
/// what it answers from) and the vector index (empty without an embedder).
public struct CatalogIndexes: Sendable {
    public var lexical: SearchIndex
    public var vectors: VectorIndex
    /// How far into the store's change feed the lexical index has indexed (`nil`: nothing yet).
    public var cursor: ChangeCursor? = nil
}

/// The catalog's one piece of shared state: a `Mutex` around an immutable ``CatalogIndexes`` value.
///
/// Only the ``SearchCatalog`` actor publishes (its isolation serialises refreshes and rebuilds), and only complete
/// indexes: a refresh commits before it publishes, a rebuild builds new indexes aside and publishes them once they
/// hold everything. Readers take ``current`` — the lock is held just to copy two references — so a search never
/// waits for a refresh and never sees a partial index.
public final class CatalogState: Sendable {
    private let published: Mutex<CatalogIndexes>

    init(_ indexes: CatalogIndexes) {
        published = Mutex(indexes)
    }

    /// The latest published indexes.
    public var current: CatalogIndexes { published.withLock { $0 } }

    func publish(_ indexes: CatalogIndexes) {
        published.withLock { $0 = indexes }
    }
}

/// The dense side of a catalog as searches see it: the query embedder and the published vector index.
public struct SemanticSearch: Sendable {
    public let embedder: any TextEmbedder
    let state: CatalogState

    /// The published vector index (an immutable value).
    public var index: VectorIndex { state.current.vectors }

    /// Live vectors.
    public var count: Int { index.count }
}

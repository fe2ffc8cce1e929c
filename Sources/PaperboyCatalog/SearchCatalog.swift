import Foundation
import PaperboyCore
import PaperboySearch
import PaperboyStore
import PaperboyVectors

/// Keeps a lexical ``SearchIndex`` in step with a ``PaperStore`` and answers searches with papers.
///
/// The index lives in a directory beside the database (`paperboy.sqlite.search/`) with a `catalog.json` that
/// records how far into the store's change stream it has indexed (``ChangeCursor``). Opening loads the saved
/// index and catches up with what changed since — an import by another process, a vote — without a rebuild;
/// ``refresh()`` does the same at any time (the server runs it periodically and after imports).
/// State: the actor's isolation serialises the writers (refresh, rebuild) and owns their bookkeeping (cursor,
/// ``VectorFollower``); what searches read is published in one place, ``state`` (a `Mutex` around the current
/// ``CatalogIndexes``), only once complete. Searches read that snapshot and never wait for a refresh.
public actor SearchCatalog {
    public let store: any PaperStore
    public let directory: URL?
    private var index: SearchIndex
    private var cursor: ChangeCursor?
    private var follower: VectorFollower?
    /// The published indexes, for reads from any task.
    public nonisolated let state: CatalogState
    /// The query encoder and the published vector index; `nil` when the model is not installed (lexical only).
    public nonisolated let semantic: SemanticSearch?

    /// The latest published indexes.
    public nonisolated var indexes: CatalogIndexes { state.current }

    struct Manifest: Codable {
        var cursor: ChangeCursor?
        var version: Int
    }

    /// 2: cursors are change-feed positions (were modification times).
    static let manifestVersion = 2

    /// Opens the catalog: loads the saved index from `directory` if it is there and readable, else starts
    /// empty; then catches up with the store. `directory` nil keeps the index in memory only (tests).
    /// With an `embedder` and the `embeddings` store that keeps the vectors, the catalog also answers semantic and
    /// hybrid searches.
    public static func open(store: any PaperStore, embeddings: (any EmbeddingStore)? = nil, directory: URL?,
                            embedder: (any TextEmbedder)? = nil) async throws
        -> SearchCatalog
    {
        var index = SearchIndex()
        var cursor: ChangeCursor?
        if let directory, let manifest = try? Self.readManifest(directory), manifest.version == manifestVersion,
           let loaded = try? SearchIndex.load(from: directory.appendingPathComponent("index")) {
            index = loaded
            cursor = manifest.cursor
        }
        let catalog = SearchCatalog(store: store, directory: directory, index: index, cursor: cursor,
                                    follower: makeFollower(embeddings: embeddings, directory: directory, embedder: embedder))
        _ = try await catalog.refresh()
        return catalog
    }

    /// A catalog with an empty index (nothing loaded, nothing indexed yet): call ``rebuild()``.
    public static func empty(store: any PaperStore, embeddings: (any EmbeddingStore)? = nil, directory: URL?,
                             embedder: (any TextEmbedder)? = nil) -> SearchCatalog {
        SearchCatalog(store: store, directory: directory, index: SearchIndex(), cursor: nil,
                      follower: makeFollower(embeddings: embeddings, directory: directory, embedder: embedder))
    }

    init(store: any PaperStore, directory: URL?, index: SearchIndex, cursor: ChangeCursor?, follower: VectorFollower?) {
        self.store = store
        self.directory = directory
        self.index = index
        self.cursor = cursor
        self.follower = follower
        let state = CatalogState(CatalogIndexes(lexical: index, vectors: follower?.vectors ?? VectorIndex(), cursor: cursor))
        self.state = state
        semantic = follower.map { SemanticSearch(embedder: $0.embedder, state: state) }
    }

    static func makeFollower(embeddings: (any EmbeddingStore)?, directory: URL?, embedder: (any TextEmbedder)?)
        -> VectorFollower? {
        guard let embedder, let vectors = embeddings else { return nil }
        return VectorFollower(embedder: embedder, store: vectors, directory: directory)
    }

    /// Indexes every paper changed since the last refresh, saves, and returns how many were (re)indexed.
    @discardableResult
    public func refresh() async throws -> Int {
        let (count, removedIDs, next) = try await Self.indexChanges(into: index, from: store, after: cursor)
        cursor = next
        if let follower { self.follower = try await follower.caughtUp(removed: removedIDs) }
        if count > 0 || !(directory.map { FileManager.default.fileExists(atPath: $0.appendingPathComponent("catalog.json").path) } ?? true) {
            index.commit()
            try save()
        }
        publish()
        return count
    }

    /// Indexes every paper again into new indexes (`paperboy reindex`), and publishes them once complete: searches
    /// meanwhile answer from the old ones.
    @discardableResult
    public func rebuild() async throws -> Int {
        let fresh = SearchIndex()
        let (count, _, next) = try await Self.indexChanges(into: fresh, from: store, after: nil)
        fresh.forceMerge()
        let vectors = try await follower?.rebuilt()
        index = fresh
        cursor = next
        follower = vectors
        publish()
        try save()
        return count
    }

    /// Adds (or deletes) into `index`, uncommitted, every change after `cursor`: how many, the removed ids and the
    /// cursor after the last.
    static func indexChanges(into index: SearchIndex, from store: any PaperStore, after cursor: ChangeCursor?)
        async throws -> (count: Int, removed: [String], cursor: ChangeCursor?)
    {
        var cursor = cursor
        var count = 0
        var removedIDs: [String] = []
        while true {
            let changes = try await store.changes(after: cursor, limit: 2000)
            if changes.isEmpty { break }
            index.add(contentsOf: changes.compactMap(Self.document))
            for removed in changes where removed.paper == nil {
                _ = index.delete(id: removed.id.rawValue)
                removedIDs.append(removed.id.rawValue)
            }
            cursor = changes.last?.cursor
            count += changes.count
        }
        return (count, removedIDs, cursor)
    }

    private func publish() {
        state.publish(CatalogIndexes(lexical: index, vectors: follower?.vectors ?? state.current.vectors, cursor: cursor))
    }

    /// The change-feed position the published index has caught up to (`/healthz`'s `indexed`).
    public nonisolated var indexedCursor: ChangeCursor? { indexes.cursor }

    /// Number of live documents in the published index.
    public nonisolated var documentCount: Int { indexes.lexical.snapshot.documentCount }

    private func save() throws {
        guard let directory else { return }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try index.save(to: directory.appendingPathComponent("index"))
            let data = try JSONEncoder().encode(Manifest(cursor: cursor, version: Self.manifestVersion))
            let tmp = directory.appendingPathComponent("catalog.json.tmp")
            try data.write(to: tmp)
            guard rename(tmp.path, directory.appendingPathComponent("catalog.json").path) == 0 else {
                throw PaperboyError(.storage, "Cannot write \(directory.appendingPathComponent("catalog.json").path) (errno \(errno)).")
            }
        } catch {
            throw PaperboyError(.storage, "Cannot save the search index in \(directory.path).", cause: error)
        }
    }

    static func readManifest(_ directory: URL) throws -> Manifest {
        try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: directory.appendingPathComponent("catalog.json")))
    }

    /// The search document of a paper: title, abstract, authors, categories; its day is the arXiv
    /// publication day (else the first day it was featured); upvotes for `sort:upvotes`.
    static func document(_ change: ChangeRecord) -> SearchDocument? {
        guard let p = change.paper else { return nil }
        let day = p.publishedAt.map { Day(secondsSinceEpoch: $0.timeIntervalSince1970) } ?? change.firstFeatured
        return SearchDocument(id: p.id.rawValue, title: p.title, abstract: p.abstract,
                              authors: p.authors.filter { !$0.hidden }.map(\.name), categories: p.categories,
                              day: day?.yyyymmdd ?? 0, upvotes: change.upvotes)
    }
}

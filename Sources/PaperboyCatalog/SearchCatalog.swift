import Foundation
import PaperboyCore
import PaperboySearch
import PaperboyStore

/// Keeps a lexical ``SearchIndex`` in step with a ``PaperStore`` and answers searches with papers.
///
/// The index lives in a directory beside the database (`paperboy.sqlite.search/`) with a `catalog.json` that
/// records how far into the store's change stream it has indexed (``ChangeCursor``). Opening loads the saved
/// index and catches up with what changed since — an import by another process, a vote — without a rebuild;
/// ``refresh()`` does the same at any time (the server runs it periodically and after imports).
/// Searches read an immutable snapshot and never wait for a refresh.
public actor SearchCatalog {
    public let store: any PaperStore
    public let directory: URL?
    private var index: SearchIndex
    private var cursor: ChangeCursor?
    /// The index, for lock-free reads from any task.
    public nonisolated let indexBox: IndexBox
    /// The dense index and query encoder; `nil` when the model is not installed (lexical search only).
    public nonisolated let semantic: SemanticIndex?

    /// A `Sendable` holder whose index is swapped on rebuild.
    public final class IndexBox: Sendable {
        private let lock = NSLock()
        nonisolated(unsafe) private var current: SearchIndex
        init(_ index: SearchIndex) { current = index }
        public var index: SearchIndex {
            lock.lock(); defer { lock.unlock() }
            return current
        }
        func set(_ index: SearchIndex) {
            lock.lock(); defer { lock.unlock() }
            current = index
        }
    }

    struct Manifest: Codable {
        var cursor: ChangeCursor?
        var version: Int
    }

    static let manifestVersion = 1

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
                                    semantic: semanticIndex(embeddings: embeddings, directory: directory, embedder: embedder))
        _ = try await catalog.refresh()
        return catalog
    }

    /// A catalog with an empty index (nothing loaded, nothing indexed yet): call ``rebuild()``.
    public static func empty(store: any PaperStore, embeddings: (any EmbeddingStore)? = nil, directory: URL?,
                             embedder: (any TextEmbedder)? = nil) -> SearchCatalog {
        SearchCatalog(store: store, directory: directory, index: SearchIndex(), cursor: nil,
                      semantic: semanticIndex(embeddings: embeddings, directory: directory, embedder: embedder))
    }

    init(store: any PaperStore, directory: URL?, index: SearchIndex, cursor: ChangeCursor?, semantic: SemanticIndex?) {
        self.store = store
        self.directory = directory
        self.index = index
        self.cursor = cursor
        self.semantic = semantic
        indexBox = IndexBox(index)
    }

    static func semanticIndex(embeddings: (any EmbeddingStore)?, directory: URL?, embedder: (any TextEmbedder)?)
        -> SemanticIndex? {
        guard let embedder, let vectors = embeddings else { return nil }
        return SemanticIndex(embedder: embedder, store: vectors, directory: directory)
    }

    /// Indexes every paper changed since the last refresh, saves, and returns how many were (re)indexed.
    @discardableResult
    public func refresh() async throws -> Int {
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
        try await semantic?.catchUp(removed: removedIDs)
        if count > 0 || !(directory.map { FileManager.default.fileExists(atPath: $0.appendingPathComponent("catalog.json").path) } ?? true) {
            index.commit()
            try save()
        }
        return count
    }

    /// Throws the index away and indexes every paper again (`paperboy reindex`).
    @discardableResult
    public func rebuild() async throws -> Int {
        index = SearchIndex()
        indexBox.set(index)
        cursor = nil
        let count = try await refresh()
        try await semantic?.reset()
        index.forceMerge()
        try save()
        return count
    }

    /// Number of live documents in the index.
    public nonisolated var documentCount: Int { indexBox.index.snapshot.documentCount }

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

import Foundation
import PaperboyCore
import PaperboySearch
import PaperboyStore
import PaperboyVectors

/// The writer side of the dense index: a ``VectorIndex`` of paper vectors kept in step with the store's
/// `paper_embeddings` (by write sequence). A value owned by the ``SearchCatalog`` actor, which publishes its
/// ``vectors`` through ``CatalogState``; every step returns a new value, so nothing half-done is ever shared.
///
/// Below `VectorIndex.Configuration.defaultHNSWThreshold` vectors the search is exact — a SIMD scan of int8 codes
/// re-scored in float32 and certified by the quantisation error bound (≈ 2.3 ms at 51k vectors on 2 cores) and is
/// rebuilt from SQLite at start (≈ 1 s at 50k); from the threshold on it is an HNSW graph, saved beside the lexical
/// index (`vectors.bin` + `vectors.json`) at most every ``saveInterval`` so a restart does not rebuild the graph.
struct VectorFollower: Sendable {
    let embedder: any TextEmbedder
    let store: any EmbeddingStore
    let directory: URL?
    private(set) var vectors: VectorIndex
    private var sequence: Int64
    private var lastSave = Date.distantPast
    private var unsaved = false
    static let saveInterval: TimeInterval = 600

    struct Manifest: Codable {
        var model: String
        var sequence: Int64
    }

    init(embedder: any TextEmbedder, store: any EmbeddingStore, directory: URL?) {
        self.embedder = embedder
        self.store = store
        self.directory = directory
        var loaded: (VectorIndex, Int64)?
        let fresh = VectorIndex(configuration: .init(dimension: embedder.dimension))
        // A saved index built with other settings (dimension, threshold, HNSW parameters such as a since-raised
        // efSearch) is rebuilt from the store rather than kept.
        if let directory,
           let data = try? Data(contentsOf: directory.appendingPathComponent("vectors.json")),
           let manifest = try? JSONDecoder().decode(Manifest.self, from: data), manifest.model == embedder.modelName,
           let index = try? VectorIndex.load(from: directory.appendingPathComponent("vectors.bin")),
           index.configuration == fresh.configuration {
            loaded = (index, manifest.sequence)
        }
        vectors = loaded?.0 ?? fresh
        sequence = loaded?.1 ?? 0
    }

    /// This follower with the vectors written since and without `removed` papers (saved when due).
    func caughtUp(removed: [String]) async throws -> VectorFollower {
        var follower = self
        try await follower.catchUp(removed: removed)
        return follower
    }

    /// A follower that forgot everything and reloaded all vectors from the store (the saved files are removed).
    func rebuilt() async throws -> VectorFollower {
        var follower = self
        follower.vectors = VectorIndex(configuration: .init(dimension: embedder.dimension))
        follower.sequence = 0
        follower.unsaved = false
        if let directory {
            try? FileManager.default.removeItem(at: directory.appendingPathComponent("vectors.json"))
            try? FileManager.default.removeItem(at: directory.appendingPathComponent("vectors.bin"))
        }
        try await follower.catchUp(removed: [])
        return follower
    }

    private mutating func catchUp(removed: [String]) async throws {
        var added = 0
        var next = vectors
        for id in removed where next.remove(id: id) { unsaved = true }
        while true {
            let batch = try await store.embeddings(model: embedder.modelName, afterSequence: sequence, limit: 5000)
            guard let last = batch.last else { break }
            do {
                try next.add(contentsOf: batch.map { (id: $0.id.rawValue, vector: $0.vector) })
            } catch {
                throw PaperboyError(.storage, "A stored vector is unusable: \(error.message).")
            }
            sequence = last.sequence
            added += batch.count
        }
        if added > 0 || !removed.isEmpty {
            if next.tombstoneCount > max(1000, next.count / 10) { next.compact() }
            vectors = next
            unsaved = unsaved || added > 0
        }
        try saveIfDue(force: false)
    }

    /// Saves an approximate (HNSW) index when it changed and the last save is older than ``saveInterval``
    /// (or `force`). Exact indexes are not saved: rebuilding them from SQLite is faster than reading a file.
    private mutating func saveIfDue(force: Bool) throws {
        guard let directory, unsaved, vectors.isApproximate,
              force || Date().timeIntervalSince(lastSave) >= Self.saveInterval else { return }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try vectors.save(to: directory.appendingPathComponent("vectors.bin"))
            let manifest = try JSONEncoder().encode(Manifest(model: embedder.modelName, sequence: sequence))
            try manifest.write(to: directory.appendingPathComponent("vectors.json"), options: .atomic)
        } catch {
            throw PaperboyError(.storage, "Cannot save the vector index in \(directory.path).", cause: error)
        }
        lastSave = Date()
        unsaved = false
    }
}

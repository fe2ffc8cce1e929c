import CKernels

/// A float32 vector index keyed by string ids (dense embeddings, dimension 384 for all-MiniLM-L6-v2).
///
/// Vectors are L2-normalised on insertion and scored by dot product (= cosine similarity).
/// Below ``Configuration/hnswThreshold`` live vectors, search is exact: a SIMD scan of int8 codes re-scored in
/// float32, certified by an error bound (or a float32 scan when the bound cannot certify it); from the threshold on,
/// an ``VectorHNSW`` graph is built (once, over everything stored) and kept up to date by later `add`s,
/// and `search` is approximate (``exactSearch(_:k:)`` stays available).
///
/// `VectorIndex` is a value type (copy-on-write arrays) and `Sendable`: hold the current version in an
/// actor or a `Mutex`, mutate a copy, and hand out immutable snapshots to concurrent readers.
///
/// ```swift
/// var index = VectorIndex()                       // dimension 384
/// try index.add(id: "2401.00001", vector: v)
/// let hits = try index.search(q, k: 10)           // [VectorSearchHit], best first
/// try index.save(to: url); let again = try VectorIndex.load(from: url)
/// ```
public struct VectorIndex: Sendable {
    public struct Configuration: Sendable, Equatable {
        /// Floats per vector.
        public var dimension: Int
        /// Live vectors from which an HNSW graph is used for `search`.
        public var hnswThreshold: Int
        public var hnsw: VectorHNSW.Parameters

        /// The product's threshold (the one constant; the catalog, the docs and the benchmarks refer to it): below
        /// 200k vectors the certified int8 scan is exact and fast enough on 2 cores, so the graph only pays above.
        public static let defaultHNSWThreshold = 200_000

        public init(dimension: Int = 384, hnswThreshold: Int = Configuration.defaultHNSWThreshold,
                    hnsw: VectorHNSW.Parameters = .init()) {
            self.dimension = max(1, dimension)
            self.hnswThreshold = max(1, hnswThreshold)
            self.hnsw = hnsw
        }
    }

    public let configuration: Configuration
    var storage: VectorStorage
    var graph: VectorHNSW?

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        storage = VectorStorage(dimension: configuration.dimension)
    }

    init(configuration: Configuration, storage: VectorStorage, graph: VectorHNSW?) {
        self.configuration = configuration
        self.storage = storage
        self.graph = graph
    }

    public var dimension: Int { configuration.dimension }
    /// Live vectors.
    public var count: Int { storage.liveCount }
    /// True once the HNSW graph is in use.
    public var isApproximate: Bool { graph != nil }
    /// Removed vectors still held (they are dropped by ``compact()``).
    public var tombstoneCount: Int { storage.deletedCount }

    public func contains(id: String) -> Bool { storage.slotOfID[id] != nil }

    /// The stored (unit-length) vector of `id`.
    public func vector(for id: String) -> [Float]? { storage.vector(for: id) }

    /// Adds or replaces the vector of `id`.
    /// - Throws: ``VectorIndexError`` `.invalidVector` for a wrong length or non-finite values.
    public mutating func add(id: String, vector: [Float]) throws(VectorIndexError) {
        try add(contentsOf: [(id, vector)])
    }

    /// Adds or replaces many vectors; builds the HNSW graph when the count reaches the threshold.
    public mutating func add(contentsOf items: [(id: String, vector: [Float])]) throws(VectorIndexError) {
        var prepared: [(String, [Float])] = []
        prepared.reserveCapacity(items.count)
        for item in items { prepared.append((item.id, try storage.prepare(item.vector))) }
        let firstNew = storage.slotCount
        for (id, vector) in prepared { _ = storage.append(id: id, prepared: vector) }
        if graph != nil {
            insertIntoGraph(from: firstNew)
        } else if storage.liveCount >= configuration.hnswThreshold {
            graph = VectorHNSW(parameters: configuration.hnsw)
            insertIntoGraph(from: 0)
        }
    }

    private mutating func insertIntoGraph(from first: Int) {
        guard var g = graph else { return }
        graph = nil // keep the graph uniquely referenced while it grows
        var visited = VectorVisited(count: storage.slotCount)
        for slot in first..<storage.slotCount { g.insert(Int32(slot), storage: storage, visited: &visited) }
        graph = g
    }

    /// Removes `id`; returns false when it was not stored. The slot is tombstoned until ``compact()``.
    @discardableResult
    public mutating func remove(id: String) -> Bool {
        storage.remove(id: id) != nil
    }

    /// Drops tombstones; rebuilds the graph (if the index is still above the threshold).
    public mutating func compact() {
        guard storage.deletedCount > 0 else { return }
        storage = storage.compacted().storage
        graph = nil
        if storage.liveCount >= configuration.hnswThreshold {
            graph = VectorHNSW(parameters: configuration.hnsw)
            insertIntoGraph(from: 0)
        }
    }

    /// Top-`k` most similar vectors to `query` (normalised here), best first. Below the HNSW threshold this is exact
    /// (the same result as ``exactSearch(_:k:)``): an int8 scan picks candidates, float32 re-scores them, and an
    /// error bound proves nothing else can enter the top k — else the float32 scan runs. Approximate once
    /// ``isApproximate``; `ef` overrides the HNSW candidate list size.
    public func search(_ query: [Float], k: Int, ef: Int? = nil) throws(VectorIndexError) -> [VectorSearchHit] {
        let q = try storage.prepare(query)
        guard let graph else { return hits(storage.quantizedSearch(q, k: k).hits) }
        return hits(graph.search(q, k: k, ef: ef ?? graph.parameters.efSearch, storage: storage))
    }

    /// Exact top-`k` below the HNSW threshold, and whether the int8 shortcut was certified (for measurements).
    public func exactSearchWithShortcut(_ query: [Float], k: Int) throws(VectorIndexError) -> (hits: [VectorSearchHit], certified: Bool) {
        let result = storage.quantizedSearch(try storage.prepare(query), k: k)
        return (hits(result.hits), result.certified)
    }

    /// Exact top-`k` by a full float32 SIMD scan, whatever the size.
    public func exactSearch(_ query: [Float], k: Int) throws(VectorIndexError) -> [VectorSearchHit] {
        hits(storage.exactSearch(try storage.prepare(query), k: k))
    }

    /// Exact top-`k` among `ids` (for searches restricted by filters; unknown ids are skipped, repeated ids count
    /// once), whatever the size.
    public func exactSearch(_ query: [Float], k: Int, among ids: some Sequence<String>) throws(VectorIndexError)
        -> [VectorSearchHit]
    {
        hits(storage.exactSearch(try storage.prepare(query), k: k, among: ids))
    }

    /// The dot products of `query` (normalised here) with the vectors of `ids`, in the order given (`nil` where an
    /// id has no vector): for scoring a known set — a reader's candidates — without a top-k or a sort. `rows` holds
    /// one remembered row per id from an earlier call (−1: none); a remembered row is used while it still holds that
    /// live id (one string comparison instead of a hash lookup), else the id is looked up and `rows` updated — so a
    /// stale memory (the index changed) costs a lookup, never a wrong score.
    ///
    /// `quantized` scores the int8 codes the index keeps beside the floats (a quarter of the memory to read, which
    /// is what a scan of 50k vectors waits on): each product is then within ``quantizedErrorBound(_:)`` of the exact
    /// one. For ranking signals that are one term among several (the recommender's text score), not for search.
    public func scores(_ query: [Float], ids: [String], rows: inout [Int32], quantized: Bool = false)
        throws(VectorIndexError) -> [Float?]
    {
        precondition(rows.count == ids.count)
        let q = try storage.prepare(query)
        let d = dimension
        let stored = storage.ids, deleted = storage.deleted
        var out = [Float?](repeating: nil, count: ids.count)
        storage.vectors.withUnsafeBufferPointer { all in
        storage.codes.withUnsafeBufferPointer { codes in
        storage.scales.withUnsafeBufferPointer { scales in
            q.withUnsafeBufferPointer { qb in
                guard let base = all.baseAddress, let qp = qb.baseAddress else { return }
                var product: Float = 0
                for i in ids.indices {
                    var row = rows[i]
                    if row < 0 || Int(row) >= stored.count || deleted[Int(row)] || stored[Int(row)] != ids[i] {
                        row = storage.slotOfID[ids[i]] ?? -1
                        rows[i] = row
                    }
                    guard row >= 0 else { continue }
                    if quantized, let codeBase = codes.baseAddress, let scaleBase = scales.baseAddress {
                        pb_dot_rows_i8(qp, codeBase + Int(row) * d, scaleBase + Int(row), 1, Int32(d), &product)
                        out[i] = product
                    } else {
                        out[i] = VectorKernels.dot(qp, base + Int(row) * d, count: d)
                    }
                }
            }
        }}}
        return out
    }

    /// The most a ``scores(_:ids:rows:quantized:)`` product with `quantized` can differ from the exact one for
    /// `query` (normalised as there): half the largest row scale times the query's L1 norm, with a margin for
    /// float rounding — the bound the certified int8 search uses.
    public func quantizedErrorBound(_ query: [Float]) throws(VectorIndexError) -> Float {
        let q = try storage.prepare(query)
        return storage.maxScale / 2 * q.reduce(Float(0)) { $0 + abs($1) } * 1.01 + 1e-5
    }

    /// Exact top-`k` over a range of slots (for parallel scans and measurements); results carry slots.
    func exactSearch(_ query: [Float], k: Int, slots: Range<Int>) throws(VectorIndexError) -> [(score: Float, slot: Int32)] {
        storage.exactSearch(try storage.prepare(query), k: k, slots: slots)
    }

    private func hits(_ scored: [(score: Float, slot: Int32)]) -> [VectorSearchHit] {
        scored.map { VectorSearchHit(id: storage.ids[Int($0.slot)], score: $0.score) }
    }
}

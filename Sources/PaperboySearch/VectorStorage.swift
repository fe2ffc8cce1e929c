/// Dense row-major storage of unit vectors by *slot*, with their string ids and tombstones.
///
/// A slot is assigned once, on insertion; removing an id tombstones its slot (the HNSW graph keeps
/// routing through it) until the owner compacts.
struct VectorStorage: Sendable {
    /// Floats per vector.
    let dimension: Int
    /// `[slots, dimension]`, unit length rows.
    private(set) var vectors: [Float] = []
    /// Id of each slot.
    private(set) var ids: [String] = []
    /// Tombstone per slot.
    private(set) var deleted: [Bool] = []
    /// Live slot of each id.
    private(set) var slotOfID: [String: Int32] = [:]

    init(dimension: Int) {
        self.dimension = dimension
    }

    /// Slots ever assigned (live and deleted).
    var slotCount: Int { ids.count }
    /// Live vectors.
    var liveCount: Int { slotOfID.count }
    var deletedCount: Int { ids.count - slotOfID.count }

    /// Checks and L2-normalises a vector.
    func prepare(_ vector: [Float]) throws(VectorIndexError) -> [Float] {
        guard vector.count == dimension else {
            throw VectorIndexError(.invalidVector, "vector has \(vector.count) floats, the index holds \(dimension)")
        }
        guard vector.allSatisfy(\.isFinite) else {
            throw VectorIndexError(.invalidVector, "vector contains NaN or infinity")
        }
        return VectorKernels.normalized(vector)
    }

    /// Appends an already prepared vector; tombstones an earlier slot with the same id. Returns the new slot.
    mutating func append(id: String, prepared vector: [Float]) -> Int32 {
        if let old = slotOfID[id] { deleted[Int(old)] = true }
        let slot = Int32(ids.count)
        vectors.append(contentsOf: vector)
        ids.append(id)
        deleted.append(false)
        slotOfID[id] = slot
        return slot
    }

    /// Tombstones the slot of `id`; returns it, or nil when the id is not stored.
    mutating func remove(id: String) -> Int32? {
        guard let slot = slotOfID.removeValue(forKey: id) else { return nil }
        deleted[Int(slot)] = true
        return slot
    }

    /// The stored (normalised) vector of `id`.
    func vector(for id: String) -> [Float]? {
        guard let slot = slotOfID[id] else { return nil }
        let start = Int(slot) * dimension
        return Array(vectors[start..<(start + dimension)])
    }

    /// Exact top-k by dot product over live slots in `range` (all slots by default).
    func exactSearch(_ query: [Float], k: Int, slots range: Range<Int>? = nil) -> [(score: Float, slot: Int32)] {
        let range = range ?? 0..<slotCount
        var top = VectorTopK(k: k)
        let d = dimension
        vectors.withUnsafeBufferPointer { all in
            query.withUnsafeBufferPointer { q in
                guard let base = all.baseAddress, let qp = q.baseAddress else { return }
                for slot in range where !deleted[slot] {
                    let s = VectorKernels.dot(qp, base + slot * d, count: d)
                    if s > top.threshold { top.insert(score: s, slot: Int32(slot)) }
                }
            }
        }
        return top.sorted()
    }

    /// Rebuilds storage with live slots only, in slot order. Returns the old slot of each new slot.
    func compacted() -> (storage: VectorStorage, oldSlots: [Int32]) {
        var fresh = VectorStorage(dimension: dimension)
        var oldSlots: [Int32] = []
        for slot in 0..<slotCount where !deleted[slot] {
            let start = slot * dimension
            _ = fresh.append(id: ids[slot], prepared: Array(vectors[start..<(start + dimension)]))
            oldSlots.append(Int32(slot))
        }
        return (fresh, oldSlots)
    }

    /// Rebuilds from raw parts (used by the file reader); validates sizes.
    init(dimension: Int, ids: [String], vectors: [Float], deleted: [Bool]) throws(VectorIndexError) {
        guard vectors.count == ids.count * dimension, deleted.count == ids.count else {
            throw VectorIndexError(.invalidFile, "inconsistent vector storage sizes")
        }
        self.dimension = dimension
        self.ids = ids
        self.vectors = vectors
        self.deleted = deleted
        var map: [String: Int32] = [:]
        map.reserveCapacity(ids.count)
        for (slot, id) in ids.enumerated() where !deleted[slot] {
            guard map[id] == nil else { throw VectorIndexError(.invalidFile, "duplicate live id \(id)") }
            map[id] = Int32(slot)
        }
        slotOfID = map
    }
}

import CKernels
import Foundation
import PaperboyCore

/// Dense row-major storage of unit vectors by *slot*, with their string ids and tombstones.
///
/// A slot is assigned once, on insertion; removing an id tombstones its slot (the HNSW graph keeps
/// routing through it) until the owner compacts.
struct VectorStorage: Sendable {
    /// Floats per vector.
    let dimension: Int
    /// `[slots, dimension]`, unit length rows.
    private(set) var vectors: [Float] = []
    /// `[slots, dimension]` int8 codes of the same vectors (one scale per slot), for the fast first pass of
    /// ``quantizedSearch(_:k:)``: a quarter of the memory traffic of the float32 scan.
    private(set) var codes: [Int8] = []
    /// The scale of each slot's codes (`max |v| / 127`).
    private(set) var scales: [Float] = []
    /// The largest scale ever stored (an upper bound over live slots): bounds every code's rounding error.
    private(set) var maxScale: Float = 0
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
        appendCodes(vector)
        ids.append(id)
        deleted.append(false)
        slotOfID[id] = slot
        return slot
    }

    private mutating func appendCodes(_ vectors: [Float]) {
        let rows = vectors.count / dimension
        var rowCodes = [Int8](repeating: 0, count: rows * dimension)
        var rowScales = [Float](repeating: 0, count: rows)
        pb_quantize_rows(vectors, rows, Int32(dimension), &rowCodes, &rowScales)
        codes.append(contentsOf: rowCodes)
        scales.append(contentsOf: rowScales)
        maxScale = max(maxScale, rowScales.max() ?? 0)
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

    /// Collections with at least this many slots are scanned by several threads (one per core, up to 4);
    /// below it, starting threads costs more than it saves.
    static let parallelScanMinimum = 16_384
    /// Rows scored per kernel call: a 16 KiB block of scores stays in L1 while the top-k reads it.
    static let scanBlock = 4096

    /// Exact top-k by dot product over live slots: all slots (in parallel for large collections) or `range`.
    func exactSearch(_ query: [Float], k: Int, slots range: Range<Int>? = nil) -> [(score: Float, slot: Int32)] {
        if let range { return scan(query, k: k, slots: range, quantized: false).sorted() }
        return parallelScan(query, k: k, quantized: false)
    }

    /// Exact top-k by dot product over the live slots of `ids` (ids not stored are skipped, repeated ids count
    /// once), best first. Slots are visited in storage order, scored by the SIMD kernel: a filtered search (a
    /// category, a date range) reads only the rows it may return.
    func exactSearch(_ query: [Float], k: Int, among ids: some Sequence<String>) -> [(score: Float, slot: Int32)] {
        var slots: [Int32] = []
        for slot in ids.compactMap({ slotOfID[$0] }).sorted() where slots.last != slot { slots.append(slot) }
        var top = VectorTopK(capacity: k)
        let d = dimension
        vectors.withUnsafeBufferPointer { all in
            query.withUnsafeBufferPointer { q in
                guard let base = all.baseAddress, let qp = q.baseAddress else { return }
                for slot in slots {
                    top.insert((VectorKernels.dot(qp, base + Int(slot) * d, count: d), slot))
                }
            }
        }
        return top.sorted()
    }

    /// Exact top-k in two passes: the int8 codes of every live slot pick `max(4k, k + 64)` candidates, which are
    /// re-scored with their float32 vectors; `certified` tells whether that shortcut was provably exact.
    ///
    /// Each code is off by at most half its scale, so an int8 score is within `maxScale / 2 · ‖q‖₁` of the float32
    /// one. Every slot left out scored at most `cutoff` (the last candidate's int8 score), so its float32 score is
    /// at most `cutoff + bound`; when the k-th re-scored candidate beats that, nothing left out can enter the top k
    /// and the result equals ``exactSearch(_:k:slots:)``'s. Otherwise the float32 scan runs (`certified` false).
    func quantizedSearch(_ query: [Float], k: Int) -> (hits: [(score: Float, slot: Int32)], certified: Bool) {
        guard k > 0 else { return ([], true) }
        let wanted = max(4 * k, k + 64)
        let candidates = parallelScan(query, k: wanted, quantized: true)
        let d = dimension
        let rescored: [(score: Float, slot: Int32)] = vectors.withUnsafeBufferPointer { all in
            query.withUnsafeBufferPointer { q in
                guard let base = all.baseAddress, let qp = q.baseAddress else { return [] }
                return candidates.map { (VectorKernels.dot(qp, base + Int($0.slot) * d, count: d), $0.slot) }
            }
        }
        let top = Array(rescored.sorted { $0.score != $1.score ? $0.score > $1.score : $0.slot < $1.slot }.prefix(k))
        // Fewer candidates than asked for: every live slot is among them.
        guard candidates.count == wanted, let cutoff = candidates.last?.score else { return (top, true) }
        let l1 = query.reduce(Float(0)) { $0 + abs($1) }
        // 1% and 1e-5 of slack for float32 rounding in both sums.
        let bound = maxScale / 2 * l1 * 1.01 + 1e-5
        if top.count == k, let kth = top.last?.score, kth > cutoff + bound { return (top, true) }
        return (exactSearch(query, k: k), false)
    }

    /// Top-k over all slots, split across cores for large collections, best first.
    private func parallelScan(_ query: [Float], k: Int, quantized: Bool) -> [(score: Float, slot: Int32)] {
        let parts = slotCount >= Self.parallelScanMinimum ? min(ProcessInfo.processInfo.activeProcessorCount, 4) : 1
        guard parts > 1 else { return scan(query, k: k, slots: 0..<slotCount, quantized: quantized).sorted() }
        let per = (slotCount + parts - 1) / parts
        let heaps = Parallel.map(parts) { p in
            scan(query, k: k, slots: (p * per)..<min(slotCount, (p + 1) * per), quantized: quantized).items
        }
        let merged = heaps.flatMap { $0 }.sorted { $0.score != $1.score ? $0.score > $1.score : $0.slot < $1.slot }
        return Array(merged.prefix(k))
    }

    /// The top `k` of `range`, scored ``scanBlock`` rows at a time by the SIMD kernel (float32 or int8).
    private func scan(_ query: [Float], k: Int, slots range: Range<Int>, quantized: Bool) -> VectorTopK {
        var top = VectorTopK(capacity: k)
        let d = dimension
        guard !range.isEmpty, k > 0 else { return top }
        let scores = UnsafeMutablePointer<Float>.allocate(capacity: Self.scanBlock)
        defer { scores.deallocate() }
        vectors.withUnsafeBufferPointer { all in
        codes.withUnsafeBufferPointer { codes in
        scales.withUnsafeBufferPointer { scales in
        query.withUnsafeBufferPointer { q in
        deleted.withUnsafeBufferPointer { deleted in
            guard let base = all.baseAddress, let codeBase = codes.baseAddress, let scaleBase = scales.baseAddress,
                  let qp = q.baseAddress else { return }
            var start = range.lowerBound
            while start < range.upperBound {
                let count = min(Self.scanBlock, range.upperBound - start)
                if quantized {
                    pb_dot_rows_i8(qp, codeBase + start * d, scaleBase + start, count, Int32(d), scores)
                } else {
                    VectorKernels.dotRows(qp, base + start * d, count: count, dimension: d, into: scores)
                }
                var threshold = top.threshold
                for i in 0..<count where scores[i] > threshold && !deleted[start + i] {
                    top.insert((scores[i], Int32(start + i)))
                    threshold = top.threshold
                }
                start += count
            }
        }}}}}
        return top
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
        appendCodes(vectors)
        var map: [String: Int32] = [:]
        map.reserveCapacity(ids.count)
        for (slot, id) in ids.enumerated() where !deleted[slot] {
            guard map[id] == nil else { throw VectorIndexError(.invalidFile, "duplicate live id \(id)") }
            map[id] = Int32(slot)
        }
        slotOfID = map
    }
}


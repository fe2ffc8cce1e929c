import Foundation
import Testing
@testable import PaperboyVectors

/// Deterministic pseudo-random vectors for tests (SplitMix64 → uniform [-1, 1)).
struct VectorTestRandom {
    var state: UInt64
    mutating func next() -> Float {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Float(Double(z >> 40) / Double(1 << 24)) * 2 - 1
    }
    mutating func vector(_ d: Int) -> [Float] { (0..<d).map { _ in next() } }

    /// `count` vectors around `clusters` random centres (noise `spread` per coordinate).
    mutating func clustered(count: Int, clusters: Int, dimension d: Int, spread: Float) -> [[Float]] {
        let centres = (0..<clusters).map { _ in vector(d) }
        return (0..<count).map { i in centres[i % clusters].map { $0 + spread * next() } }
    }
}

@Suite("Exact vector index")
struct VectorIndexTests {
    @Test func addSearchRemove() throws {
        var index = VectorIndex()
        var rng = VectorTestRandom(state: 1)
        let vectors = (0..<500).map { _ in rng.vector(384) }
        for (i, v) in vectors.enumerated() { try index.add(id: "doc\(i)", vector: v) }
        #expect(index.count == 500 && !index.isApproximate)
        let hits = try index.search(vectors[42], k: 5)
        #expect(hits.count == 5)
        #expect(hits[0].id == "doc42")
        #expect(abs(hits[0].score - 1) < 1e-5)
        #expect(zip(hits, hits.dropFirst()).allSatisfy { $0.score >= $1.score })
        // brute-force check of the ranking
        let q = VectorKernels.normalized(vectors[7])
        let expected = vectors.enumerated().map { (i, v) in
            (i, zip(q, VectorKernels.normalized(v)).reduce(Float(0)) { $0 + $1.0 * $1.1 })
        }.sorted { $0.1 > $1.1 }.prefix(10).map { "doc\($0.0)" }
        #expect(try index.search(vectors[7], k: 10).map(\.id) == expected)
        let removed = index.remove(id: "doc42")
        let removedAgain = index.remove(id: "doc42")
        #expect(removed && !removedAgain)
        #expect(try index.search(vectors[42], k: 1).first?.id != "doc42")
        #expect(index.count == 499 && index.tombstoneCount == 1)
        index.compact()
        #expect(index.count == 499 && index.tombstoneCount == 0)
        #expect(try index.search(vectors[7], k: 9).map(\.id) == Array(expected.filter { $0 != "doc42" }.prefix(9)))
    }

    @Test func replaceKeepsOneEntry() throws {
        var index = VectorIndex(configuration: .init(dimension: 3))
        try index.add(id: "a", vector: [1, 0, 0])
        try index.add(id: "a", vector: [0, 1, 0])
        #expect(index.count == 1)
        #expect(index.vector(for: "a") == [0, 1, 0])
        #expect(try index.search([0, 2, 0], k: 3) == [VectorSearchHit(id: "a", score: 1)])
    }

    @Test func rejectsBadVectors() {
        let index = VectorIndex(configuration: .init(dimension: 4))
        #expect(throws: VectorIndexError.self) { var copy = index; try copy.add(id: "x", vector: [1, 2, 3]) }
        #expect(throws: VectorIndexError.self) { var copy = index; try copy.add(id: "x", vector: [1, .nan, 0, 0]) }
        #expect(throws: VectorIndexError.self) { _ = try index.search([1], k: 1) }
    }

    @Test func kernelDotMatchesScalar() {
        var rng = VectorTestRandom(state: 9)
        for n in [1, 15, 16, 17, 31, 63, 64, 100, 384] {
            let a = rng.vector(n), b = rng.vector(n)
            let scalar = zip(a, b).reduce(Float(0)) { $0 + $1.0 * $1.1 }
            let kernel = a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in VectorKernels.dot(pa.baseAddress!, pb.baseAddress!, count: n) }
            }
            #expect(abs(kernel - scalar) < 1e-4)
        }
    }

    @Test func quantizedSearchIsExact() throws {
        var index = VectorIndex(configuration: .init(dimension: 64, hnswThreshold: 1_000_000))
        var rng = VectorTestRandom(state: 33)
        for i in 0..<(VectorStorage.parallelScanMinimum + 100) { try index.add(id: "v\(i)", vector: rng.vector(64)) }
        for i in stride(from: 0, to: 3000, by: 5) { index.remove(id: "v\(i)") }
        var certified = 0
        for _ in 0..<20 {
            let q = rng.vector(64)
            let (fast, shortcut) = try index.exactSearchWithShortcut(q, k: 50)
            // Same ids, order and (bit-identical) scores as the float32 scan, whichever path answered.
            #expect(fast == (try index.exactSearch(q, k: 50)))
            #expect(try index.search(q, k: 50) == fast)
            if shortcut { certified += 1 }
        }
        #expect(certified > 0, "the int8 shortcut never certified")
    }

    @Test func quantizedSearchFallsBackWhenTheBoundCannotCertify() throws {
        // Thousands of nearly identical vectors: int8 cannot separate them, so the float32 scan must answer.
        var index = VectorIndex(configuration: .init(dimension: 16, hnswThreshold: 1_000_000))
        var rng = VectorTestRandom(state: 5)
        let base = rng.vector(16)
        for i in 0..<3000 {
            let noise = rng.vector(16)
            try index.add(id: "n\(i)", vector: zip(base, noise).map { $0 + 1e-4 * $1 })
        }
        let (hits, shortcut) = try index.exactSearchWithShortcut(base, k: 10)
        #expect(!shortcut)
        #expect(hits == (try index.exactSearch(base, k: 10)))
    }

    @Test func searchAmongIdsScoresOnlyThoseAndMatchesTheFullScan() throws {
        var index = VectorIndex(configuration: .init(dimension: 32, hnswThreshold: 1_000_000))
        var rng = VectorTestRandom(state: 77)
        for i in 0..<2000 { try index.add(id: "v\(i)", vector: rng.vector(32)) }
        index.remove(id: "v10")
        let q = rng.vector(32)
        let allowed = Set((0..<2000).filter { $0 % 3 == 1 }.map { "v\($0)" } + ["unknown"])
        let among = try index.exactSearch(q, k: 40, among: allowed)
        // The same as the full scan's ranking restricted to the allowed ids (removed and unknown ids skipped).
        let expected = try index.exactSearch(q, k: 2000).filter { allowed.contains($0.id) }.prefix(40)
        #expect(among == Array(expected))
        #expect(!among.contains { $0.id == "v10" })
        #expect(try index.exactSearch(q, k: 5, among: ["v10", "nope"]).isEmpty)
        #expect(try index.exactSearch(q, k: 5, among: ["v1", "v1", "v4", "v1"]).map(\.id).sorted() == ["v1", "v4"])
        #expect(try index.exactSearch(q, k: 0, among: allowed).isEmpty)
    }

    @Test func parallelExactScanMatchesSerialScan() throws {
        var index = VectorIndex(configuration: .init(dimension: 16, hnswThreshold: 1_000_000))
        var rng = VectorTestRandom(state: 21)
        for i in 0..<(VectorStorage.parallelScanMinimum + 777) { try index.add(id: "v\(i)", vector: rng.vector(16)) }
        for i in stride(from: 0, to: 5000, by: 7) { index.remove(id: "v\(i)") }
        let q = VectorKernels.normalized(rng.vector(16))
        let parallel = index.storage.exactSearch(q, k: 50)
        let serial = index.storage.exactSearch(q, k: 50, slots: 0..<index.storage.slotCount)
        #expect(parallel.map(\.slot) == serial.map(\.slot))
        #expect(parallel.count == 50)
        #expect(!parallel.contains { index.storage.deleted[Int($0.slot)] })
        // Scores match a plain loop.
        for hit in parallel.prefix(5) {
            let v = index.storage.vectors[(Int(hit.slot) * 16)..<(Int(hit.slot) * 16 + 16)]
            let plain = zip(q, v).reduce(Float(0)) { $0 + $1.0 * $1.1 }
            #expect(abs(plain - hit.score) < 1e-5)
        }
    }

    @Test func saveAndLoadRoundTrip() throws {
        var index = VectorIndex(configuration: .init(dimension: 8))
        var rng = VectorTestRandom(state: 3)
        for i in 0..<50 { try index.add(id: "ïd-\(i)", vector: rng.vector(8)) }
        index.remove(id: "ïd-3")
        let url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("vectors-\(UUID().uuidString).pbvi")
        defer { try? FileManager.default.removeItem(at: url) }
        try index.save(to: url)
        let loaded = try VectorIndex.load(from: url)
        #expect(loaded.count == 49 && loaded.dimension == 8)
        let q = rng.vector(8)
        #expect(try loaded.search(q, k: 10) == index.search(q, k: 10))
        var data = index.serialized()
        data.removeLast(7)
        #expect(throws: VectorIndexError.self) { _ = try VectorIndex(serialized: data) }
        #expect(throws: VectorIndexError.self) { _ = try VectorIndex(serialized: Data("nope".utf8)) }
    }
}

@Suite("HNSW vector index")
struct VectorHNSWTests {
    /// Recall@10 of the graph against exact search on clustered data (small, so it runs in debug builds).
    @Test func recallOnClusteredData() throws {
        let d = 32
        var rng = VectorTestRandom(state: 11)
        let data = rng.clustered(count: 3000, clusters: 30, dimension: d, spread: 0.35)
        var index = VectorIndex(configuration: .init(dimension: d, hnswThreshold: 1000, hnsw: .init(m: 12, efConstruction: 80, efSearch: 200)))
        try index.add(contentsOf: data.enumerated().map { ("v\($0.offset)", $0.element) })
        #expect(index.isApproximate)
        let queries = rng.clustered(count: 100, clusters: 30, dimension: d, spread: 0.35)
        var found = 0
        for q in queries {
            let exact = Set(try index.exactSearch(q, k: 10).map(\.id))
            found += try index.search(q, k: 10).filter { exact.contains($0.id) }.count
        }
        let recall = Double(found) / Double(queries.count * 10)
        #expect(recall >= 0.95, "recall@10 = \(recall)")
    }

    @Test func graphSurvivesSaveLoadAndRemovals() throws {
        let d = 16
        var rng = VectorTestRandom(state: 5)
        var index = VectorIndex(configuration: .init(dimension: d, hnswThreshold: 200, hnsw: .init(m: 8, efConstruction: 40)))
        for i in 0..<400 { try index.add(id: "n\(i)", vector: rng.vector(d)) }
        #expect(index.isApproximate)
        for i in stride(from: 0, to: 400, by: 4) { index.remove(id: "n\(i)") }
        let q = rng.vector(d)
        let hits = try index.search(q, k: 20)
        #expect(hits.count == 20)
        #expect(hits.allSatisfy { index.contains(id: $0.id) })
        let loaded = try VectorIndex(serialized: index.serialized())
        #expect(loaded.isApproximate)
        #expect(try loaded.search(q, k: 20) == hits)
        // adding after the threshold extends the graph
        var grown = loaded
        try grown.add(id: "late", vector: q)
        #expect(try grown.search(q, k: 1).first?.id == "late")
        grown.compact()
        #expect(grown.tombstoneCount == 0 && grown.count == 301 && grown.isApproximate)
        #expect(try grown.search(q, k: 1).first?.id == "late")
    }
}

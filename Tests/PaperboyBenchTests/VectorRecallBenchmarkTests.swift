import PaperboyBench
import PaperboyCore
import PaperboyVectors
import Testing

@Suite("Vector recall benchmark")
struct VectorRecallBenchmarkTests {
    /// `rows` random base vectors of `dimension` floats in [-1, 1), row-major.
    static func randomBase(rows: Int, dimension: Int, seed: UInt64) -> [Float] {
        var rng = SeededGenerator(seed: seed)
        return (0..<(rows * dimension)).map { _ in Float(Double(rng.next() >> 11) / Double(UInt64(1) << 53)) * 2 - 1 }
    }

    @Test func recombinedVectorsAreDeterministicUnitAndStartWithTheBase() throws {
        let d = 8
        let base = Self.randomBase(rows: 20, dimension: d, seed: 1)
        let a = try #require(RecombinedVectors(base: base, dimension: d))
        let b = try #require(RecombinedVectors(base: base, dimension: d))
        #expect(a.baseCount == 20)
        for n in [0, 7, 19, 20, 21, 500, 123_456] {
            let v = a.vector(at: n)
            #expect(v == b.vector(at: n))
            #expect(v.count == d)
            #expect(abs(v.reduce(Float(0)) { $0 + $1 * $1 } - 1) < 1e-5)
        }
        // Row 3 is the base row, normalised.
        let row = Array(base[(3 * d)..<(4 * d)])
        let norm = row.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
        #expect(zip(a.vector(at: 3), row).allSatisfy { abs($0 - $1 / norm) < 1e-6 })
        #expect(a.vector(at: 20) != a.vector(at: 21))
        #expect(RecombinedVectors(base: base, dimension: d, seed: 2)?.vector(at: 30) != a.vector(at: 30))
        #expect(RecombinedVectors(base: [], dimension: d) == nil)
        #expect(RecombinedVectors(base: [1, 2, 3], dimension: 2) == nil)
    }

    @Test func recallCountsSharedIDs() {
        let exact = (0..<10).map { VectorSearchHit(id: "e\($0)", score: 1) }
        let approximate = Array(exact.prefix(7)) + (0..<3).map { VectorSearchHit(id: "x\($0)", score: 0) }
        #expect(VectorRecallBenchmark.recall(exact, exact: exact, k: 10) == 1)
        #expect(VectorRecallBenchmark.recall(approximate, exact: exact, k: 10) == 0.7)
        #expect(VectorRecallBenchmark.recall(Array(exact.prefix(3)), exact: Array(exact.prefix(3)), k: 10) == 1)
    }

    /// 3,000 clustered vectors (300 random centres, recombined): the graph finds ≥ 90% of the exact top 10.
    @Test func hnswRecallAgainstExactOnClusteredVectors() throws {
        let d = 32
        let source = try #require(RecombinedVectors(base: Self.randomBase(rows: 300, dimension: d, seed: 7), dimension: d))
        let benchmark = VectorRecallBenchmark(parameters: .init(m: 12, efConstruction: 80, efSearch: 100), batchSize: 1000)
        var reported: [Int] = []
        let (index, _) = try benchmark.buildIndex(source, count: 3000) { done, _ in reported.append(done) }
        #expect(index.isApproximate && index.count == 3000)
        #expect(reported == [1000, 2000, 3000])
        // Queries near the data but not in the index.
        let queries = (0..<100).map { source.vector(at: 3000 + $0) }
        let (points, exactTimes) = try benchmark.measure(index, queries: queries, efSearch: [100, 10])
        #expect(points.map(\.efSearch) == [100, 10])
        #expect(points.allSatisfy { $0.milliseconds.count == 100 } && exactTimes.count == 100)
        #expect(points[0].recall >= 0.9, "recall@10 = \(points[0].recall)")
        #expect(points[1].recall <= points[0].recall)
        for q in queries.prefix(10) {
            let exact = try index.exactSearch(q, k: 10)
            #expect(VectorRecallBenchmark.recall(exact, exact: exact, k: 10) == 1)
        }
    }

    @Test func reportHasTheHeadlineAndTheSweep() throws {
        let d = 16
        let source = try #require(RecombinedVectors(base: Self.randomBase(rows: 50, dimension: d, seed: 3), dimension: d))
        let benchmark = VectorRecallBenchmark(parameters: .init(m: 8, efConstruction: 40, efSearch: 64))
        let queries = (0..<20).map { source.vector(at: 10_000 + $0) }
        let report = try benchmark.run(source, count: 500, queries: queries, sweep: [200, 16, 64])
        #expect(report.count == 500 && report.dimension == d && report.queries == 20)
        #expect(report.m == 8 && report.ef_construction == 40 && report.ef_search == 64)
        #expect(report.sweep?.map(\.ef_search) == [16, 64, 200])
        #expect(report.sweep?.first { $0.ef_search == 64 }?.recall_at_10 == report.recall_at_10)
        #expect((0...1).contains(report.recall_at_10))
        #expect(try benchmark.run(source, count: 5, queries: queries).sweep == nil)
    }
}

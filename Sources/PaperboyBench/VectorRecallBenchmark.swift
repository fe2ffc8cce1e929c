import Foundation
import PaperboyVectors

/// Measures a `VectorIndex` with its HNSW graph in use against exact search: build time, recall@10 against the
/// float32 scan, and query latency of both. `paperboy bench vectors` drives it.
public struct VectorRecallBenchmark: Sendable {
    /// Results per query.
    public static let k = 10

    public var parameters: VectorHNSW.Parameters
    /// Vectors per `add(contentsOf:)` call (progress is reported after each).
    public var batchSize: Int

    public init(parameters: VectorHNSW.Parameters = .init(), batchSize: Int = 10_000) {
        self.parameters = parameters
        self.batchSize = max(1, batchSize)
    }

    /// Recall and latencies of one `efSearch`; latencies in milliseconds, ascending.
    public struct Point: Sendable {
        public var efSearch: Int
        public var recall: Double
        public var milliseconds: [Double]
    }

    /// Builds the index, then measures `efSearch` (the headline) and each value of `sweep` on the same graph.
    /// `progress(done, seconds)` is called after each batch of adds.
    public func run(
        _ source: RecombinedVectors, count: Int, queries: [[Float]], sweep: [Int] = [],
        progress: (Int, Double) -> Void = { _, _ in }
    ) throws(VectorIndexError) -> VectorBenchReport {
        let (index, seconds) = try buildIndex(source, count: count, progress: progress)
        let efs = [parameters.efSearch] + Set(sweep).subtracting([parameters.efSearch]).sorted()
        let (points, exact) = try measure(index, queries: queries, efSearch: efs)
        let main = points[0]
        let hnswP50 = Percentile.of(main.milliseconds, 50)
        let exactP50 = Percentile.of(exact, 50)
        return VectorBenchReport(
            count: index.count, dimension: index.dimension, queries: queries.count, m: parameters.m,
            ef_construction: parameters.efConstruction, ef_search: parameters.efSearch,
            build_seconds: seconds, build_vectors_per_s: seconds > 0 ? Double(count) / seconds : 0,
            recall_at_10: main.recall, hnsw_p50_ms: hnswP50, hnsw_p90_ms: Percentile.of(main.milliseconds, 90),
            exact_p50_ms: exactP50, speedup: hnswP50 > 0 ? exactP50 / hnswP50 : 0,
            sweep: sweep.isEmpty ? nil : points.filter { sweep.contains($0.efSearch) }.sorted { $0.efSearch < $1.efSearch }
                .map {
                    VectorBenchSweepPoint(ef_search: $0.efSearch, recall_at_10: $0.recall,
                                          hnsw_p50_ms: Percentile.of($0.milliseconds, 50),
                                          hnsw_p90_ms: Percentile.of($0.milliseconds, 90))
                })
    }

    /// An index over vectors `0..<count` of `source` (ids `"v<n>"`) whose HNSW graph is in use from the first
    /// vector on (`hnswThreshold` 1). Returns it with the wall seconds spent in `add` (making vectors is not timed).
    public func buildIndex(
        _ source: RecombinedVectors, count: Int, progress: (Int, Double) -> Void = { _, _ in }
    ) throws(VectorIndexError) -> (index: VectorIndex, seconds: Double) {
        var index = VectorIndex(configuration: .init(dimension: source.dimension, hnswThreshold: 1, hnsw: parameters))
        var seconds = 0.0
        var done = 0
        while done < count {
            let end = min(count, done + batchSize)
            let batch = (done..<end).map { (id: "v\($0)", vector: source.vector(at: $0)) }
            let start = DispatchTime.now()
            try index.add(contentsOf: batch)
            seconds += Elapsed.seconds(since: start)
            done = end
            progress(done, seconds)
        }
        return (index, seconds)
    }

    /// For each query, the exact top 10 (timed) and the approximate top 10 at each of `efSearch` (timed); the two
    /// kinds run in alternating order from one query to the next. Returns a point per `efSearch`, in order, and the
    /// exact latencies (ms, ascending).
    public func measure(_ index: VectorIndex, queries: [[Float]], efSearch: [Int]) throws(VectorIndexError)
        -> (points: [Point], exactMilliseconds: [Double])
    {
        var found = [Double](repeating: 0, count: efSearch.count)
        var approximateTimes = [[Double]](repeating: [], count: efSearch.count)
        var exactTimes: [Double] = []
        for (n, q) in queries.enumerated() {
            var exact: [VectorSearchHit] = []
            var approximate: [[VectorSearchHit]] = []
            for exactFirst in n % 2 == 0 ? [true, false] : [false, true] {
                if exactFirst {
                    let start = DispatchTime.now()
                    exact = try index.exactSearch(q, k: Self.k)
                    exactTimes.append(Elapsed.seconds(since: start) * 1000)
                    continue
                }
                for (e, ef) in efSearch.enumerated() {
                    let start = DispatchTime.now()
                    approximate.append(try index.search(q, k: Self.k, ef: ef))
                    approximateTimes[e].append(Elapsed.seconds(since: start) * 1000)
                }
            }
            for e in efSearch.indices { found[e] += Self.recall(approximate[e], exact: exact, k: Self.k) }
        }
        let points = efSearch.indices.map {
            Point(efSearch: efSearch[$0], recall: queries.isEmpty ? 0 : found[$0] / Double(queries.count),
                  milliseconds: approximateTimes[$0].sorted())
        }
        return (points, exactTimes.sorted())
    }

    /// |ids of the first `k` of `approximate` ∩ ids of the first `k` of `exact`| / min(k, exact count): 1 when the
    /// approximate search found every true neighbour (also when the index holds fewer than `k` vectors).
    public static func recall(_ approximate: [VectorSearchHit], exact: [VectorSearchHit], k: Int) -> Double {
        let truth = Set(exact.prefix(k).map(\.id))
        guard !truth.isEmpty else { return 1 }
        let hits = Set(approximate.prefix(k).map(\.id)).intersection(truth).count
        return Double(hits) / Double(truth.count)
    }

}

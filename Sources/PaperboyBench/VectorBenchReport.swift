/// What `paperboy bench vectors` prints with `--json`. Times in milliseconds unless the name says seconds.
public struct VectorBenchReport: Sendable, Codable, Hashable {
    /// Vectors in the index.
    public var count: Int
    public var dimension: Int
    public var queries: Int
    public var m: Int
    public var ef_construction: Int
    /// The candidate list size of the headline numbers.
    public var ef_search: Int
    /// Wall seconds spent adding the vectors (graph construction, one thread; making the vectors is not counted).
    public var build_seconds: Double
    public var build_vectors_per_s: Double
    /// Mean over the queries of |approximate top 10 ∩ exact top 10| / 10.
    public var recall_at_10: Double
    public var hnsw_p50_ms: Double
    public var hnsw_p90_ms: Double
    /// The float32 scan over every vector (`VectorIndex.exactSearch`; parallel over up to 4 cores).
    public var exact_p50_ms: Double
    /// `exact_p50_ms / hnsw_p50_ms`.
    public var speedup: Double
    /// Other candidate list sizes on the same graph and queries, when asked for (ascending).
    public var sweep: [VectorBenchSweepPoint]?
}

/// Recall and latency of one `efSearch` on the same graph and queries.
public struct VectorBenchSweepPoint: Sendable, Codable, Hashable {
    public var ef_search: Int
    public var recall_at_10: Double
    public var hnsw_p50_ms: Double
    public var hnsw_p90_ms: Double
}

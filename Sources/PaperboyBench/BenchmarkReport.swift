/// Timings of one engine over the same queries. Times in milliseconds, sizes in bytes.
public struct EngineReport: Sendable, Codable, Hashable {
    public var p50_ms: Double
    public var p90_ms: Double
    public var p99_ms: Double
    /// Queries per second over the timed loop (one thread).
    public var qps: Double
    /// Seconds to build the index (in memory for Paperboy; insert + optimize for FTS5).
    public var build_s: Double
    /// Index size: segment bytes for Paperboy, database file size for FTS5.
    public var index_bytes: Int
    /// Process VmRSS (from /proc/self/status) right after this engine's queries.
    public var rss_bytes: Int
}

/// `{"paperboy": {...}, "fts5": {...}, "docs": N, "queries": N}`; `fts5` is absent when it was not run.
public struct BenchmarkReport: Sendable, Codable, Hashable {
    public var paperboy: EngineReport
    public var fts5: EngineReport?
    public var docs: Int
    public var queries: Int
}

/// Percentiles by nearest rank over sorted samples (0 when there are none).
public enum Percentile {
    public static func of(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank - 1, 0), sorted.count - 1)]
    }
}

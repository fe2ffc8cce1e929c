import Foundation
import PaperboySearch

/// Builds Paperboy's index and (optionally) the FTS5 baseline over the same documents, then times the same
/// queries on each, one at a time, in the same process. Paperboy runs free text through `QueryParser`-free
/// `ParsedQuery.text` (OR semantics, BM25F, MaxScore top-10, no exact total); FTS5 runs the OR of the words.
public struct BenchmarkRunner {
    public var documents: [SearchDocument]
    public var queries: [String]
    public var includeFTS5: Bool
    /// Where the FTS5 database file goes.
    public var workDirectory: URL
    public var configuration: SearchIndex.Configuration
    /// Progress lines go here.
    public var log: (String) -> Void

    public init(
        documents: [SearchDocument], queries: [String], includeFTS5: Bool = true,
        workDirectory: URL = FileManager.default.temporaryDirectory,
        configuration: SearchIndex.Configuration = .init(), log: @escaping (String) -> Void = { _ in }
    ) {
        self.documents = documents
        self.queries = queries
        self.includeFTS5 = includeFTS5
        self.workDirectory = workDirectory
        self.configuration = configuration
        self.log = log
    }

    public func run() throws -> BenchmarkReport {
        log("paperboy: building \(documents.count) docs")
        var start = DispatchTime.now()
        let index = SearchIndex.build(documents, configuration: configuration)
        let buildSeconds = Elapsed.seconds(since: start)
        let snapshot = index.snapshot
        log("paperboy: built in \(buildSeconds) s, \(snapshot.byteCount) bytes")
        let paperboyTimes = time(queries) { text in
            var q = ParsedQuery()
            q.text = [text]
            return snapshot.search(SearchRequest(query: q, limit: 10, exactTotal: false)).hits.count
        }
        let paperboy = Self.report(paperboyTimes, build: buildSeconds, bytes: snapshot.byteCount)
        log("paperboy: p50 \(paperboy.p50_ms) ms p99 \(paperboy.p99_ms) ms")
        var fts: EngineReport?
        if includeFTS5 {
            let path = workDirectory.appendingPathComponent("searchbench-fts5-\(ProcessInfo.processInfo.processIdentifier).sqlite").path
            defer { try? FileManager.default.removeItem(atPath: path) }
            let engine = try FTS5Engine(
                path: path, titleWeight: Double(configuration.parameters.weights.first ?? 1),
                abstractWeight: Double(configuration.parameters.weights.dropFirst().first ?? 1))
            log("fts5: building")
            start = DispatchTime.now()
            try engine.build(documents)
            let ftsBuild = Elapsed.seconds(since: start)
            log("fts5: built in \(ftsBuild) s, \(engine.byteCount) bytes")
            let ftsTimes = try engine.withSearcher { search in
                try timeThrowing(queries) { try search($0).count }
            }
            let report = Self.report(ftsTimes, build: ftsBuild, bytes: engine.byteCount)
            log("fts5: p50 \(report.p50_ms) ms p99 \(report.p99_ms) ms")
            fts = report
        }
        return BenchmarkReport(paperboy: paperboy, fts5: fts, docs: documents.count, queries: queries.count)
    }

    /// Per-query milliseconds after one untimed warm-up pass over the first 100 queries.
    func time(_ queries: [String], _ body: (String) -> Int) -> [Double] {
        var sink = 0
        for q in queries.prefix(100) { sink &+= body(q) }
        var out: [Double] = []
        out.reserveCapacity(queries.count)
        for q in queries {
            let t = DispatchTime.now()
            sink &+= body(q)
            out.append(Elapsed.seconds(since: t) * 1000)
        }
        if sink == -1 { log("") }
        return out
    }

    func timeThrowing(_ queries: [String], _ body: (String) throws -> Int) throws -> [Double] {
        var failure: (any Error)?
        let times = time(queries) { q in
            do { return try body(q) } catch {
                failure = error
                return 0
            }
        }
        if let failure { throw failure }
        return times
    }


    static func report(_ times: [Double], build: Double, bytes: Int) -> EngineReport {
        let sorted = times.sorted()
        let total = times.reduce(0, +)
        return EngineReport(
            p50_ms: Percentile.of(sorted, 50), p90_ms: Percentile.of(sorted, 90), p99_ms: Percentile.of(sorted, 99),
            qps: total > 0 ? Double(times.count) / (total / 1000) : 0, build_s: build, index_bytes: bytes,
            rss_bytes: ProcessStats.residentBytes())
    }
}

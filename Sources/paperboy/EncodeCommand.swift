import ArgumentParser
import Foundation
import PaperboyBench
import PaperboyCatalog
import PaperboyEmbedding
import PaperboySearch

struct Encode: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Embed texts with all-MiniLM-L6-v2: one JSON array of 384 floats per text.",
        discussion: "Texts come from the arguments, or one per line from standard input when none are given. "
            + "The model is fetched by scripts/fetch-model.sh ($PAPERBOY_MODEL_DIR to override its place)."
    )

    @Argument(help: "Texts to embed.")
    var texts: [String] = []

    func run() async throws {
        var input = texts
        if input.isEmpty {
            while let line = readLine() { input.append(line) }
        }
        let encoder: SentenceEncoder
        do { encoder = try SentenceEncoder.load(from: configuredModel()) } catch {
            FileHandle.standardError.write(Data("\(error.message)\n".utf8))
            throw ExitCode(1)
        }
        for vector in await encoder.encode(input) {
            print("[" + vector.map { String($0) }.joined(separator: ",") + "]")
        }
    }
}

struct BenchEmbed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed",
        abstract: "Encoder throughput on the SciFact corpus next to cblas_sgemm measured in the same run."
    )

    @Option(help: "Encode only the first N documents (default: all 5,183).")
    var docs: Int?

    @OptionGroup var shared: SharedDataOptions

    @Flag(help: "Print one JSON object.")
    var json = false

    @OptionGroup var db: DatabaseOptions

    func run() async throws {
        let shared = self.shared.folder
        let report: EmbeddingBenchmark.Report
        let claims: [String], shortQueries: [String]
        let sentenceEncoder: SentenceEncoder
        do {
            sentenceEncoder = try SentenceEncoder.load(from: configuredModel())
            report = try EmbeddingBenchmark(encoder: sentenceEncoder).runSciFact(sharedData: shared, documentLimit: docs)
            claims = try BenchmarkData.queryTexts(shared.appendingPathComponent("beir/scifact/queries.jsonl.gz"))
            shortQueries = try BenchmarkData.queryTexts(shared.appendingPathComponent("beir/nfcorpus-processed/queries.jsonl.gz"))
        } catch {
            throw ValidationError(error.message)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard var object = try JSONSerialization.jsonObject(with: encoder.encode(report)) as? [String: Any] else {
            throw ValidationError("Could not format the report.")
        }
        try await addHybridLatency(to: &object, shortQueries: Array(shortQueries.prefix(200)),
                                   claims: Array(claims.prefix(200)), encoder: sentenceEncoder)
        let options: JSONSerialization.WritingOptions = json ? [.sortedKeys] : [.sortedKeys, .prettyPrinted]
        print(String(decoding: try JSONSerialization.data(withJSONObject: object, options: options), as: UTF8.self))
    }

    /// Hybrid search end to end (query encoding, BM25F, vector scan, fusion, loading the papers and their snippets)
    /// over the database's papers — the site's real path — when the database has vectors; `hybrid_p50_ms` is null
    /// otherwise. `hybrid_*` are for short search-box queries (as `query_p50_ms`), `hybrid_claims_*` for SciFact claims;
    /// `*_no_feedback_*` are the same searches without RM3 feedback, measured alongside (the cost of feedback).
    /// `semantic_filtered_p50_ms` is semantic search restricted to one category (`filtered_papers` of them), next to
    /// `semantic_p50_ms`, the same queries unrestricted. `search_page_*` and `api_search_*` are the first 100 short
    /// queries through the served routes (`/search` page with facets and snippets, `/api/search` hybrid), next to
    /// `http_hello_p50_ms`, the server's `/hello` in the same run.
    func addHybridLatency(to object: inout [String: Any], shortQueries: [String], claims: [String],
                          encoder: SentenceEncoder) async throws {
        object["hybrid_p50_ms"] = NSNull()
        let path = try db.path
        guard db.isPostgres || FileManager.default.fileExists(atPath: path) else {
            object["hybrid_note"] = "no database at \(path): import papers and run `paperboy embed` to measure hybrid search"
            return
        }
        let stores = try await db.openStores()
        let catalog = try await db.openCatalog(stores, embedder: encoder)
        let vectors = catalog.semantic?.count ?? 0
        object["hybrid_papers"] = catalog.documentCount
        object["hybrid_vectors"] = vectors
        guard vectors > 0 else {
            object["hybrid_note"] = "no vectors in \(path): run `paperboy embed` first"
            return
        }
        // The int8 first pass of the vector scan against the exact float32 scan, over 100 claims and 100 short
        // queries: how many of the exact top 100 the site's search returns (1 by construction) and how often the
        // error bound certified the shortcut (else the float32 scan ran).
        if let index = catalog.semantic?.index {
            var found = 0, wanted = 0
            var fastTimes: [Double] = [], exactTimes: [Double] = []
            var shortcuts = 0
            let milliseconds = Latencies.milliseconds
            let probe = Array(claims.prefix(100)) + Array(shortQueries.prefix(100))
            for vector in await encoder.encode(probe) {
                let t0 = ContinuousClock.now
                let (fast, certified) = try index.exactSearchWithShortcut(vector, k: 100)
                let t1 = ContinuousClock.now
                if certified { shortcuts += 1 }
                let exact = try index.exactSearch(vector, k: 100)
                fastTimes.append(milliseconds(t1 - t0))
                exactTimes.append(milliseconds(ContinuousClock.now - t1))
                found += Set(fast.map(\.id)).intersection(exact.map(\.id)).count
                wanted += exact.count
            }
            object["scan_recall_at_100"] = wanted > 0 ? Double(found) / Double(wanted) : NSNull()
            object["scan_certified_share"] = fastTimes.isEmpty ? NSNull() : Double(shortcuts) / Double(fastTimes.count)
            object["vector_search_p50_ms"] = Latencies(fastTimes).median
            object["exact_scan_p50_ms"] = Latencies(exactTimes).median
        }
        let off = RelevanceFeedback(documents: 0, terms: 0, originalWeight: 1)
        /// Each text as the site searches it (hybrid with feedback), paired with the same search without feedback.
        func withAndWithoutFeedback(_ texts: [String]) -> [(CatalogQuery, CatalogQuery)] {
            texts.map { (CatalogQuery(text: $0, limit: 10, mode: .hybrid), CatalogQuery(text: $0, limit: 10, mode: .hybrid, feedback: off)) }
        }
        let short = try await pairedLatencies(withAndWithoutFeedback(shortQueries), catalog: catalog)
        object["hybrid_p50_ms"] = short.first.median
        object["hybrid_p90_ms"] = short.first.p90
        object["hybrid_no_feedback_p50_ms"] = short.second.median
        object["hybrid_queries"] = short.first.count
        let long = try await pairedLatencies(withAndWithoutFeedback(claims), catalog: catalog)
        object["hybrid_claims_p50_ms"] = long.first.median
        object["hybrid_claims_p90_ms"] = long.first.p90
        object["hybrid_claims_no_feedback_p50_ms"] = long.second.median
        let filter = "cat:cs.CL"
        let filtered = try await pairedLatencies(shortQueries.prefix(100).map {
            (CatalogQuery(text: $0 + " " + filter, limit: 10, mode: .semantic), CatalogQuery(text: $0, limit: 10, mode: .semantic))
        }, catalog: catalog)
        object["semantic_filtered_p50_ms"] = filtered.first.median
        object["semantic_p50_ms"] = filtered.second.median
        object["filtered_papers"] = catalog.indexes.lexical.snapshot.documentIDs(satisfying: try QueryParser().parse(filter))?.count ?? 0
        // The page path: the same short queries through the server's routes (PagePathBench), /hello as the baseline.
        let served = try await PagePathBench(database: try db.path, encoder: encoder).run(queries: Array(shortQueries.prefix(100)))
        object["http_hello_p50_ms"] = served.hello.median
        object["search_page_p50_ms"] = served.page.median
        object["search_page_p90_ms"] = served.page.p90
        object["api_search_p50_ms"] = served.api.median
        object["api_search_p90_ms"] = served.api.p90
    }

    /// Latencies of each pair's two searches, run back to back so both see the same machine load, in alternating
    /// order (neither always gets the warmer caches). The first five pairs warm up and are not counted.
    func pairedLatencies(_ pairs: [(CatalogQuery, CatalogQuery)], catalog: SearchCatalog) async throws
        -> (first: Latencies, second: Latencies)
    {
        var first: [Double] = [], second: [Double] = []
        for (i, pair) in pairs.enumerated() {
            let order = i.isMultiple(of: 2) ? [(pair.0, true), (pair.1, false)] : [(pair.1, false), (pair.0, true)]
            for (query, isFirst) in order {
                let clock = ContinuousClock.now
                _ = try await catalog.search(query)
                let ms = Latencies.milliseconds(ContinuousClock.now - clock)
                if i >= 5 { if isFirst { first.append(ms) } else { second.append(ms) } }
            }
        }
        return (Latencies(first), Latencies(second))
    }
}

/// Sorted latencies in milliseconds, with the percentiles the benchmarks print (JSON null when there are none).
struct Latencies {
    let sorted: [Double]
    init(_ values: [Double]) { sorted = values.sorted() }
    var count: Int { sorted.count }
    var median: Any { sorted.isEmpty ? NSNull() : Percentile.of(sorted, 50) }
    var p90: Any { sorted.isEmpty ? NSNull() : Percentile.of(sorted, 90) }

    static func milliseconds(_ d: Duration) -> Double {
        Double(d.components.attoseconds) / 1e15 + Double(d.components.seconds) * 1000
    }
}

struct BenchParity: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parity",
        abstract: "Encoder parity against sentence-transformers' reference vectors (all SciFact texts + edge cases).",
        discussion: "Exits with status 1 when any text's cosine is below 0.9999 or any edge case's token ids differ."
    )

    @OptionGroup var shared: SharedDataOptions

    @Flag(help: "Print one JSON object.")
    var json = false

    func run() async throws {
        let shared = self.shared.folder
        let results: [EncoderParity.SetResult]
        do {
            results = try EncoderParity.run(encoder: try SentenceEncoder.load(from: configuredModel()), sharedData: shared)
        } catch {
            throw ValidationError(error.message)
        }
        let ok = results.allSatisfy { $0.failures == 0 }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let sets = try results.map { try JSONSerialization.jsonObject(with: encoder.encode($0)) }
            let object: [String: Any] = ["sets": sets, "threshold": Double(EncoderParity.threshold), "ok": ok]
            print(String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self))
        } else {
            for r in results {
                print(r.name.padding(toLength: 22, withPad: " ", startingAt: 0)
                    + String(format: "%5d texts  min cosine %.7f (row %d)  failures %d  %.1f s", r.count,
                             r.min_cosine, r.worst_row, r.failures, r.seconds))
            }
            print(ok ? "parity: ok" : "parity: FAILED")
        }
        if !ok { throw ExitCode(1) }
    }
}

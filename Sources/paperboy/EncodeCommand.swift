import ArgumentParser
import Foundation
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
        do { encoder = try SentenceEncoder.load() } catch {
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

    @Option(help: "Shared data folder (default: $PAPERBOY_SHARED_DATA or ../shared/data).")
    var sharedData: String?

    @Flag(help: "Print one JSON object.")
    var json = false

    @OptionGroup var db: DatabaseOptions

    func run() async throws {
        let shared = URL(fileURLWithPath: sharedData ?? ProcessInfo.processInfo.environment["PAPERBOY_SHARED_DATA"]
            ?? "../shared/data")
        let report: EmbeddingBenchmark.Report
        let claims: [String], shortQueries: [String]
        let sentenceEncoder: SentenceEncoder
        do {
            sentenceEncoder = try SentenceEncoder.load()
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
    /// otherwise. `hybrid_*` are for short search-box queries (as `query_p50_ms`), `hybrid_claims_*` for SciFact claims.
    func addHybridLatency(to object: inout [String: Any], shortQueries: [String], claims: [String],
                          encoder: SentenceEncoder) async throws {
        object["hybrid_p50_ms"] = NSNull()
        guard FileManager.default.fileExists(atPath: db.path) else {
            object["hybrid_note"] = "no database at \(db.path): import papers and run `paperboy embed` to measure hybrid search"
            return
        }
        let store = try db.openStore()
        let catalog = try await db.openCatalog(store, embedder: encoder)
        let vectors = catalog.semantic?.count ?? 0
        object["hybrid_papers"] = catalog.documentCount
        object["hybrid_vectors"] = vectors
        guard vectors > 0 else {
            object["hybrid_note"] = "no vectors in \(db.path): run `paperboy embed` first"
            return
        }
        // The int8 first pass of the vector scan against the exact float32 scan, over 100 claims and 100 short
        // queries: how many of the exact top 100 the site's search returns (1 by construction) and how often the
        // error bound certified the shortcut (else the float32 scan ran).
        if let index = catalog.semantic?.box.index {
            var found = 0, wanted = 0
            var fastTimes: [Double] = [], exactTimes: [Double] = []
            var shortcuts = 0
            func milliseconds(_ d: Duration) -> Double {
                Double(d.components.attoseconds) / 1e15 + Double(d.components.seconds) * 1000
            }
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
            object["vector_search_p50_ms"] = fastTimes.sorted()[fastTimes.count / 2]
            object["exact_scan_p50_ms"] = exactTimes.sorted()[exactTimes.count / 2]
        }
        // Each query runs as the site runs it and, right after, without RM3 feedback (the baseline for its cost),
        // so both see the same machine load.
        func latencies(_ queries: [String]) async throws -> (site: [Double], noFeedback: [Double]) {
            var site: [Double] = [], plain: [Double] = []
            let off = RelevanceFeedback(documents: 0, terms: 0, originalWeight: 1)
            for (i, q) in queries.enumerated() {
                for (feedback, isSite) in [(HybridFusion.feedback, true), (off, false)] {
                    let clock = ContinuousClock.now
                    _ = try await catalog.search(CatalogQuery(text: q, limit: 10, mode: .hybrid, feedback: feedback))
                    let elapsed = ContinuousClock.now - clock
                    let ms = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
                    if i >= 5 { if isSite { site.append(ms) } else { plain.append(ms) } }
                }
            }
            return (site.sorted(), plain.sorted())
        }
        let short = try await latencies(shortQueries)
        object["hybrid_p50_ms"] = short.site[short.site.count / 2]
        object["hybrid_p90_ms"] = short.site[short.site.count * 9 / 10]
        object["hybrid_no_feedback_p50_ms"] = short.noFeedback[short.noFeedback.count / 2]
        object["hybrid_queries"] = short.site.count
        // Semantic search restricted by a filter (a category): the dense half scores only the allowed papers.
        var filtered: [Double] = [], unfiltered: [Double] = []
        for (i, q) in shortQueries.prefix(100).enumerated() {
            for (text, isFiltered) in [(q + " cat:cs.CL", true), (q, false)] {
                let clock = ContinuousClock.now
                _ = try await catalog.search(CatalogQuery(text: text, limit: 10, mode: .semantic))
                let elapsed = ContinuousClock.now - clock
                let ms = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
                if i >= 5 { if isFiltered { filtered.append(ms) } else { unfiltered.append(ms) } }
            }
        }
        filtered.sort()
        unfiltered.sort()
        object["semantic_p50_ms"] = unfiltered[unfiltered.count / 2]
        object["semantic_filtered_p50_ms"] = filtered[filtered.count / 2]
        object["filtered_papers"] = catalog.indexBox.index.snapshot.documentIDs(satisfying: try QueryParser().parse("cat:cs.CL"))?.count ?? 0
        let long = try await latencies(claims)
        object["hybrid_claims_p50_ms"] = long.site[long.site.count / 2]
        object["hybrid_claims_p90_ms"] = long.site[long.site.count * 9 / 10]
        object["hybrid_claims_no_feedback_p50_ms"] = long.noFeedback[long.noFeedback.count / 2]
    }
}

struct BenchParity: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parity",
        abstract: "Encoder parity against sentence-transformers' reference vectors (all SciFact texts + edge cases).",
        discussion: "Exits with status 1 when any text's cosine is below 0.9999 or any edge case's token ids differ."
    )

    @Option(help: "Shared data folder (default: $PAPERBOY_SHARED_DATA or ../shared/data).")
    var sharedData: String?

    @Flag(help: "Print one JSON object.")
    var json = false

    func run() async throws {
        let shared = URL(fileURLWithPath: sharedData ?? ProcessInfo.processInfo.environment["PAPERBOY_SHARED_DATA"]
            ?? "../shared/data")
        let results: [EncoderParity.SetResult]
        do {
            results = try EncoderParity.run(encoder: try SentenceEncoder.load(), sharedData: shared)
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

import ArgumentParser
import Foundation
import PaperboyBench
import PaperboyEmbedding
import PaperboyVectors

struct BenchVectors: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vectors",
        abstract: "HNSW recall@10 and latency against exact search, on recombined SciFact MiniLM vectors.",
        discussion: """
            Vectors: the 5,183 SciFact corpus embeddings in <shared-data>/reference/scifact-corpus-minilm.npy \
            (sentence-transformers all-MiniLM-L6-v2, 384-d), grown to --count by deterministic recombination: \
            vectors 0…5,182 are the originals (normalised); vector n beyond is normalize(x_i + w·x_j + e) with rows \
            i, j uniform over the 5,183, w uniform in [0, 0.5) and each coordinate of e uniform in ±0.01, all drawn \
            from a SplitMix64 stream seeded by a hash of (0x5C1FAC7, n). The clusters of real embeddings are kept.

            Queries: the first --queries of the 1,109 SciFact query embeddings (scifact-queries-minilm.npy). Each is \
            searched exactly (float32 scan over every vector, parallel over up to 4 cores) and through the HNSW \
            graph (one thread), in alternating order; recall@10 = mean |approximate ∩ exact| / 10. The build \
            (one thread, timed without making the vectors) is the slow part, tens of minutes at 1,000,000, so \
            --ef-search-sweep measures other efSearch values on the same graph. Use a release build.
            """
    )

    @Option(help: "Vectors in the index (1…20000000).")
    var count = 1_000_000

    @Option(help: "Real SciFact queries to run (1…1109).")
    var queries = 500

    @Option(help: "HNSW links per node (layer 0 keeps 2·m).")
    var m = VectorHNSW.Parameters().m

    @Option(help: "HNSW candidate list size while inserting.")
    var efConstruction = VectorHNSW.Parameters().efConstruction

    @Option(help: "HNSW candidate list size while searching (the headline numbers).")
    var efSearch = VectorHNSW.Parameters().efSearch

    @Option(help: "Also measure these efSearch values on the same graph, comma-separated (e.g. 50,100,200,400).")
    var efSearchSweep: String?

    @OptionGroup var shared: SharedDataOptions

    @Flag(help: "Print one JSON object (and no progress).")
    var json = false

    func validate() throws {
        guard (1...20_000_000).contains(count) else { throw ValidationError("--count must be 1…20000000.") }
        guard (1...1109).contains(queries) else { throw ValidationError("--queries must be 1…1109.") }
        guard m >= 2 else { throw ValidationError("--m must be at least 2.") }
        guard efConstruction >= 1 else { throw ValidationError("--ef-construction must be at least 1.") }
        guard efSearch >= 1 else { throw ValidationError("--ef-search must be at least 1.") }
        _ = try sweep()
    }

    /// The parsed `--ef-search-sweep` (empty when absent).
    func sweep() throws -> [Int] {
        guard let efSearchSweep else { return [] }
        let parts = efSearchSweep.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        let values = parts.compactMap { Int($0) }
        guard values.count == parts.count, values.allSatisfy({ $0 >= 1 }) else {
            throw ValidationError("--ef-search-sweep must be comma-separated integers ≥ 1, e.g. 50,100,200,400.")
        }
        return values
    }

    func run() throws {
        let reference = shared.folder.appendingPathComponent("reference")
        let corpus = try Self.matrix(reference.appendingPathComponent("scifact-corpus-minilm.npy"))
        let queryMatrix = try Self.matrix(reference.appendingPathComponent("scifact-queries-minilm.npy"))
        guard queryMatrix.shape[1] == corpus.shape[1] else {
            throw ValidationError("the query vectors have \(queryMatrix.shape[1]) dimensions, the corpus \(corpus.shape[1]).")
        }
        guard queryMatrix.shape[0] >= queries else {
            throw ValidationError("only \(queryMatrix.shape[0]) query vectors; --queries asks for \(queries).")
        }
        guard let source = RecombinedVectors(base: corpus.values, dimension: corpus.shape[1]) else {
            throw ValidationError("the corpus vectors are empty.")
        }
        let queryVectors = (0..<queries).map { Array(queryMatrix.row($0)) }
        let benchmark = VectorRecallBenchmark(parameters: .init(m: m, efConstruction: efConstruction, efSearch: efSearch))
        let sweepValues = try sweep()
        var nextProgress = 100_000
        let report: VectorBenchReport
        do {
            report = try benchmark.run(source, count: count, queries: queryVectors, sweep: sweepValues) { done, seconds in
                guard !json, done >= nextProgress || done == count else { return }
                nextProgress = (done / 100_000 + 1) * 100_000
                let line = String(format: "built %d / %d vectors in %.1f s (%.0f vectors/s)", done, count, seconds,
                                  seconds > 0 ? Double(done) / seconds : 0)
                FileHandle.standardError.write(Data("\(line)\n".utf8))
            }
        } catch {
            throw ValidationError(error.message)
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
            return
        }
        print("vectors: \(report.count) × \(report.dimension) (recombined SciFact MiniLM), queries: \(report.queries)")
        print("hnsw: m \(report.m), efConstruction \(report.ef_construction), efSearch \(report.ef_search)")
        print(String(format: "build: %.1f s, %.0f vectors/s (one thread)", report.build_seconds, report.build_vectors_per_s))
        print(String(format: "recall@10: %.4f", report.recall_at_10))
        print(String(format: "hnsw p50 %.3f ms  p90 %.3f ms; exact p50 %.3f ms; speed-up %.1f×", report.hnsw_p50_ms,
                     report.hnsw_p90_ms, report.exact_p50_ms, report.speedup))
        if let sweep = report.sweep {
            print("efSearch  recall@10   p50 ms   p90 ms")
            for p in sweep {
                print(String(format: "%8d %10.4f %8.3f %8.3f", p.ef_search, p.recall_at_10, p.hnsw_p50_ms, p.hnsw_p90_ms))
            }
        }
    }

    /// A 2-D float32 `.npy` file, or a ValidationError naming its path.
    static func matrix(_ url: URL) throws -> NpyArray {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw ValidationError("\(url.path) not found (set --shared-data or $PAPERBOY_SHARED_DATA to the shared data folder).")
        }
        let array: NpyArray
        do { array = try NpyArray(contentsOf: url) } catch { throw ValidationError(error.message) }
        guard array.shape.count == 2, array.shape[0] > 0, array.shape[1] > 0 else {
            throw ValidationError("\(url.path) is not a 2-D array of vectors (shape \(array.shape)).")
        }
        return array
    }
}

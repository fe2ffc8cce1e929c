import Dispatch
import Foundation
import PaperboyEmbedding

/// Throughput and latency measurement of a ``SentenceEncoder`` (used by `embedbench` and
/// `paperboy bench embed --json`).
public struct EmbeddingBenchmark: Sendable {
    /// One benchmark run. Field names are the JSON keys.
    public struct Report: Sendable, Codable, Equatable {
        public var docs: Int
        /// Tokens actually encoded (including `[CLS]`/`[SEP]`, after truncation; batches are packed, so no padding).
        public var tokens: Int
        /// Wall time of `encode(documents)`, tokenization included, seconds.
        public var seconds: Double
        public var docs_per_s: Double
        public var tokens_per_s: Double
        /// Achieved GFLOP/s: 2 × multiply-adds of every matrix product (projections, FFN, attention QKᵀ and AV)
        /// for the tokens in the documents, divided by `seconds`.
        public var gflops: Double
        /// `cblas_sgemm` GFLOP/s on 256×384×384 and 256×1536×384 products (weighted 4:2 as in a layer), with the
        /// encoder's parallelism (`workers` threads each running OpenBLAS with `blas_threads`): the faster of a
        /// 1-second window before and one after encoding the documents.
        public var sgemm_gflops: Double
        /// `gflops / sgemm_gflops`.
        public var gemm_efficiency: Double
        /// Median latency of encoding one *short* query at a time, milliseconds: NFCorpus-processed queries, which
        /// are search-box queries (median 2 words, e.g. "dietary scoring"), as the site's users type them.
        public var query_p50_ms: Double
        public var query_p90_ms: Double
        /// The same short queries with the encoder on one thread (no column split).
        public var query_1thread_p50_ms: Double
        /// Median latency for SciFact *claims* (median 11.5 words, ~20 tokens: "1 in 5 million in UK have abnormal
        /// PrP positivity."), one at a time.
        public var claim_p50_ms: Double
        public var claim_p90_ms: Double
        public var claim_1thread_p50_ms: Double
        /// Mean tokens (with `[CLS]`/`[SEP]`) of the short queries and of the claims.
        public var query_mean_tokens: Double
        public var claim_mean_tokens: Double
        public var queries: Int
        public var workers: Int
        public var blas_threads: Int
        public var blas_core: String
    }

    public let encoder: SentenceEncoder

    public init(encoder: SentenceEncoder) {
        self.encoder = encoder
    }

    /// Median and 90th-percentile latency (ms) of encoding each of `queries` alone, and their mean token count.
    public static func latency(of encoder: SentenceEncoder, queries: [String]) -> (p50: Double, p90: Double, meanTokens: Double) {
        guard !queries.isEmpty else { return (0, 0, 0) }
        _ = encoder.encode(Array(queries.prefix(5)))
        var latencies: [Double] = []
        for query in queries {
            let t = DispatchTime.now()
            _ = encoder.encode([query])
            latencies.append(Elapsed.seconds(since: t) * 1000)
        }
        latencies.sort()
        let tokens = encoder.tokenize(queries).map(\.count).reduce(0, +)
        func percentile(_ p: Double) -> Double { latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] }
        return (percentile(0.5), percentile(0.9), Double(tokens) / Double(queries.count))
    }

    /// Encodes `documents` once (after a short warm-up) and measures sgemm, then encodes each short query and
    /// each claim alone, with the encoder's options and on one thread.
    public func run(documents: [String], shortQueries: [String], claims: [String]) -> Report {
        _ = encoder.encode(Array(documents.prefix(16)))
        // sgemm is measured before and after the documents and the faster window kept, so a slow spell on a shared
        // machine cannot flatter the encoder's efficiency.
        let sgemmBefore = Self.sgemmGFLOPS(workers: encoder.options.workers, blasThreads: encoder.options.blasThreads)
        let start = DispatchTime.now()
        let tokenized = encoder.tokenize(documents)
        _ = encoder.encodeFlat(tokenized: tokenized)
        let seconds = Elapsed.seconds(since: start)
        let lengths = tokenized.map(\.count)
        let tokens = lengths.reduce(0, +)
        let flops = Self.flops(lengths: lengths, configuration: encoder.configuration)
        let sgemm = max(sgemmBefore, Self.sgemmGFLOPS(workers: encoder.options.workers, blasThreads: encoder.options.blasThreads))
        var single = encoder.options
        single.splitBelowTokens = 0
        let oneThread = encoder.with(options: single)
        let short = Self.latency(of: encoder, queries: shortQueries)
        let shortSingle = Self.latency(of: oneThread, queries: shortQueries)
        let claim = Self.latency(of: encoder, queries: claims)
        let claimSingle = Self.latency(of: oneThread, queries: claims)
        let gflops = flops / seconds / 1e9
        return Report(
            docs: documents.count, tokens: tokens, seconds: seconds,
            docs_per_s: Double(documents.count) / seconds, tokens_per_s: Double(tokens) / seconds,
            gflops: gflops, sgemm_gflops: sgemm, gemm_efficiency: sgemm > 0 ? gflops / sgemm : 0,
            query_p50_ms: short.p50, query_p90_ms: short.p90, query_1thread_p50_ms: shortSingle.p50,
            claim_p50_ms: claim.p50, claim_p90_ms: claim.p90, claim_1thread_p50_ms: claimSingle.p50,
            query_mean_tokens: short.meanTokens, claim_mean_tokens: claim.meanTokens,
            queries: shortQueries.count + claims.count,
            workers: encoder.options.workers, blas_threads: encoder.options.blasThreads, blas_core: encoder.blasCore
        )
    }

    /// Runs on the SciFact corpus and claims and the NFCorpus-processed queries under `sharedData`.
    /// - Parameters:
    ///   - documentLimit: encode only the first documents (nil: all 5,183).
    ///   - queryCount: how many short queries and how many claims to time one at a time.
    public func runSciFact(sharedData: URL, documentLimit: Int? = nil, queryCount: Int = 200) throws(EmbeddingError) -> Report {
        let corpus = try BenchmarkData.corpusTexts(sharedData.appendingPathComponent("beir/scifact/corpus.jsonl.gz"))
        let claims = try BenchmarkData.queryTexts(sharedData.appendingPathComponent("beir/scifact/queries.jsonl.gz"))
        let short = try BenchmarkData.queryTexts(sharedData.appendingPathComponent("beir/nfcorpus-processed/queries.jsonl.gz"))
        return run(documents: Array(corpus.prefix(documentLimit ?? corpus.count)),
                   shortQueries: Array(short.prefix(queryCount)), claims: Array(claims.prefix(queryCount)))
    }

    /// Floating-point operations (2 × multiply-adds) of all matrix products for sequences of `lengths` tokens:
    /// per layer and sequence of length L, `L·h·3h + L·h·h + 2·L·h·i` (projections and FFN) plus `2·L²·h`
    /// (QKᵀ and AV over all heads).
    public static func flops(lengths: [Int], configuration c: BertConfiguration) -> Double {
        let h = Double(c.hiddenSize), i = Double(c.intermediateSize)
        var macs = 0.0
        for length in lengths {
            let l = Double(length)
            macs += l * h * 3 * h + l * h * h + 2 * l * h * i + 2 * l * l * h
        }
        return 2 * macs * Double(c.numHiddenLayers)
    }

    /// Aggregate `cblas_sgemm` GFLOP/s of `workers` threads, each multiplying BERT-shaped matrices
    /// (`[256, 384] · [384, 384]` ×4 and `[256, 384] · [384, 1536]` ×2 per round, weights `[in, out]` as the
    /// encoder stores them) for about `duration` seconds.
    public static func sgemmGFLOPS(workers: Int, blasThreads: Int, duration: Double = 1.0) -> Double {
        BLAS.setThreads(blasThreads)
        let m = 256, k = 384
        let total = Counter()
        let start = DispatchTime.now()
        DispatchQueue.concurrentPerform(iterations: max(1, workers)) { _ in
            let a = UnsafeMutablePointer<Float>.allocate(capacity: m * k)
            let b = UnsafeMutablePointer<Float>.allocate(capacity: 1536 * k)
            let c = UnsafeMutablePointer<Float>.allocate(capacity: m * 1536)
            defer { a.deallocate(); b.deallocate(); c.deallocate() }
            for j in 0..<(m * k) { a[j] = Float(j % 13) * 0.01 }
            for j in 0..<(1536 * k) { b[j] = Float(j % 7) * 0.01 }
            var flops = 0.0
            while Elapsed.seconds(since: start) < duration {
                for n in [384, 384, 384, 384, 1536, 1536] {
                    BLAS.gemm(transposeB: false, m: m, n: n, k: k, a: a, lda: k, b: b, ldb: n, beta: 0, c: c, ldc: n)
                    flops += 2 * Double(m * n * k)
                }
            }
            total.add(flops)
        }
        return total.value / Elapsed.seconds(since: start) / 1e9
    }


    private final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var sum = 0.0
        func add(_ x: Double) { lock.lock(); sum += x; lock.unlock() }
        var value: Double { lock.lock(); defer { lock.unlock() }; return sum }
    }
}

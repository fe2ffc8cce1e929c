import Dispatch
import Foundation
import Synchronization

/// all-MiniLM-L6-v2 sentence embeddings on CPU: BERT WordPiece tokenizer, 6-layer BERT encoder (OpenBLAS),
/// mean pooling and L2 normalisation. Output vectors have ``dimension`` (384) floats and unit length, so a
/// dot product is the cosine similarity.
///
/// A `SentenceEncoder` is an immutable value (`Sendable`); concurrent `encode` calls are safe. Each call
/// allocates its own scratch buffers. The OpenBLAS thread count is process-wide: the encoder sets it to
/// ``Options/blasThreads`` when it is created.
///
/// ```swift
/// let encoder = try SentenceEncoder(modelDirectory: ModelLocation.default(environment: ProcessInfo.processInfo.environment).directory)
/// let vectors = encoder.encode(["sparse attention", "mixture of experts"])   // [[Float]], 2 × 384
/// let inAsyncCode = await encoder.encode(["query"])                          // runs off the cooperative pool
/// ```
///
/// Batching: texts are tokenized, sorted by length and packed into batches of at most
/// ``Options/tokensPerBatch`` tokens with no padding; ``Options/workers`` threads take batches in turn.
public struct SentenceEncoder: Sendable {
    /// Parallelism and batching.
    public struct Options: Sendable, Equatable {
        /// Worker threads that each run whole batches (OpenBLAS then runs single-threaded in each).
        public var workers: Int
        /// OpenBLAS threads per call (process-wide).
        public var blasThreads: Int
        /// Upper bound on tokens packed into one batch (`[tokens, hidden]` matrices).
        public var tokensPerBatch: Int
        /// When a call has a single batch of at most this many tokens (e.g. one abstract), its products are split
        /// by columns across `workers` threads to cut latency; 0 disables. Batches short enough for the row kernel
        /// (``BLAS/rowKernelLimit`` tokens, e.g. a search query) are never split.
        public var splitBelowTokens: Int

        /// Measured best on 2 cores: one worker per core, single-threaded OpenBLAS.
        public init(workers: Int? = nil, blasThreads: Int = 1, tokensPerBatch: Int = 2048, splitBelowTokens: Int = 512) {
            self.workers = max(1, workers ?? min(ProcessInfo.processInfo.activeProcessorCount, 8))
            self.blasThreads = max(1, blasThreads)
            self.tokensPerBatch = max(1, tokensPerBatch)
            self.splitBelowTokens = max(0, splitBelowTokens)
        }
    }

    public let tokenizer: BertTokenizer
    public let configuration: BertConfiguration
    public let options: Options
    let model: BertModel

    /// Embedding width (384).
    public var dimension: Int { configuration.hiddenSize }

    /// Loads `config.json`, `vocab.txt` and `model.safetensors` from `modelDirectory`.
    /// - Throws: ``EmbeddingError`` `.modelMissing` / `.modelCorrupt`, whose message names `scripts/fetch-model.sh`.
    public init(modelDirectory: URL, options: Options = Options()) throws(EmbeddingError) {
        let location = ModelLocation(directory: modelDirectory)
        let configuration = try BertConfiguration(contentsOf: location.config)
        let settings = try ModelSettings(location: location)
        if let width = settings.embeddingDimension, width != configuration.hiddenSize {
            throw .corrupt(location.poolingConfig, "pooling width \(width) differs from hidden size \(configuration.hiddenSize)")
        }
        let maxLength = min(256, configuration.maxPositionEmbeddings)
        tokenizer = try BertTokenizer(
            vocabulary: Vocabulary(contentsOf: location.vocabulary), maxLength: maxLength, lowercase: settings.lowercase
        )
        guard tokenizer.vocabulary.count == configuration.vocabSize else {
            throw .corrupt(location.vocabulary, "\(tokenizer.vocabulary.count) tokens, config says \(configuration.vocabSize)")
        }
        let weights = try BertWeights(file: SafeTensors(contentsOf: location.weights), configuration: configuration)
        self.configuration = configuration
        self.model = BertModel(configuration: configuration, weights: weights)
        self.options = options
        _ = BLAS.coreName
        BLAS.setThreads(options.blasThreads)
    }

    /// The same model with other parallelism and batching options (the weights are shared, not copied).
    public func with(options: Options) -> SentenceEncoder {
        SentenceEncoder(tokenizer: tokenizer, configuration: configuration, options: options, model: model)
    }

    private init(tokenizer: BertTokenizer, configuration: BertConfiguration, options: Options, model: BertModel) {
        self.tokenizer = tokenizer
        self.configuration = configuration
        self.options = options
        self.model = model
    }

    /// The OpenBLAS kernel family in use (e.g. `"SkylakeX"`).
    public var blasCore: String { BLAS.coreName }

    /// Loads the model from `location` (the `model_dir` setting, else ``ModelLocation/default(environment:)``).
    public static func load(from location: ModelLocation, options: Options = Options()) throws(EmbeddingError) -> SentenceEncoder {
        try SentenceEncoder(modelDirectory: location.directory, options: options)
    }

    /// Embeds texts: one unit-length `[Float]` of ``dimension`` per text, in input order.
    public func encode(_ texts: [String]) -> [[Float]] {
        let flat = encodeFlat(texts)
        let d = dimension
        return (0..<texts.count).map { Array(flat[($0 * d)..<(($0 + 1) * d)]) }
    }

    /// Embeds texts off the caller's thread (the work runs on a Dispatch global queue, so a large batch does not
    /// block a Swift concurrency thread). Same result as the synchronous ``encode(_:)``.
    public func encode(_ texts: [String]) async -> [[Float]] {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(returning: self.encode(texts))
            }
        }
    }

    /// Embeds texts into one row-major matrix `[texts.count, dimension]`.
    public func encodeFlat(_ texts: [String]) -> [Float] {
        encodeFlat(tokenized: tokenize(texts))
    }

    /// Tokenizes texts in parallel (`[CLS] … [SEP]`, truncated to 256 ids).
    public func tokenize(_ texts: [String]) -> [[Int32]] {
        let results = ResultSlots<[Int32]>(count: texts.count)
        let chunk = 64
        let chunks = (texts.count + chunk - 1) / chunk
        let tokenizer = self.tokenizer
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            for i in (c * chunk)..<min(texts.count, (c + 1) * chunk) { results.set(i, tokenizer.encode(texts[i])) }
        }
        return results.values(default: [])
    }

    /// Embeds token id sequences (each `1…256` ids including `[CLS]`/`[SEP]`) into `[n, dimension]`.
    public func encodeFlat(tokenized sequences: [[Int32]]) -> [Float] {
        let d = dimension
        let maxLength = min(configuration.maxPositionEmbeddings, tokenizer.maxLength)
        let clean: [[Int32]] = sequences.map { ids in
            let clipped = ids.isEmpty ? [tokenizer.postProcessor.classifierID, tokenizer.postProcessor.separatorID] : Array(ids.prefix(maxLength))
            return clipped.map { $0 >= 0 && Int($0) < configuration.vocabSize ? $0 : tokenizer.wordPiece.unknownID }
        }
        let plan = BatchPlan(lengths: clean.map(\.count), tokenBudget: max(options.tokensPerBatch, maxLength))
        let output = UnsafeMutablePointer<Float>.allocate(capacity: max(1, clean.count * d))
        defer { output.deallocate() }
        let sink = OutputSink(output)
        let next = Atomic<Int>(0)
        let workers = min(options.workers, plan.batches.count)
        let model = self.model
        if workers <= 1 {
            // Inputs short enough for the row kernel (one query) stay on this thread: waking a second one for each of
            // the 24 products cost more than it saved (2.1 ms on one thread, 3.2 ms split, short queries, 2 cores).
            let split = plan.batches.count == 1 && plan.maxBatchTokens <= options.splitBelowTokens
                && plan.maxBatchTokens > BLAS.rowKernelLimit ? options.workers : 1
            Self.work(model: model, plan: plan, sequences: clean, maxLength: maxLength, next: next, sink: sink, split: split)
        } else {
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                Self.work(model: model, plan: plan, sequences: clean, maxLength: maxLength, next: next, sink: sink)
            }
        }
        return Array(UnsafeBufferPointer(start: output, count: clean.count * d))
    }

    /// One worker: takes the next batch until none is left and writes its rows of the output.
    private static func work(
        model: BertModel, plan: BatchPlan, sequences: [[Int32]], maxLength: Int,
        next: borrowing Atomic<Int>, sink: OutputSink, split: Int = 1
    ) {
        let d = model.configuration.hiddenSize
        let capacity = plan.maxBatchTokens
        let workspace = EncoderWorkspace(capacity: capacity, maxSequence: maxLength, configuration: model.configuration)
        let pooled = UnsafeMutablePointer<Float>.allocate(capacity: capacity * d)
        defer { pooled.deallocate() }
        while true {
            let b = next.add(1, ordering: .relaxed).oldValue
            guard b < plan.batches.count else { break }
            let batch = plan.batches[b]
            model.encode(batch.map { sequences[$0] }, workspace: workspace, output: pooled, splitThreads: split)
            for (row, index) in batch.enumerated() {
                (sink.pointer + index * d).update(from: pooled + row * d, count: d)
            }
        }
    }
}

/// A raw output buffer shared by workers that write disjoint rows.
private struct OutputSink: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Float>
    init(_ pointer: UnsafeMutablePointer<Float>) { self.pointer = pointer }
}

/// Per-index result slots written by concurrent workers (each index written once).
private final class ResultSlots<T>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: T) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }
    func values(default value: T) -> [T] { slots.map { $0 ?? value } }
}

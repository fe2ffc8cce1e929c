import Foundation
import PaperboyCore
import PaperboyStore

/// Computes missing or stale paper vectors and stores them (`paperboy embed`, and the server's background
/// embedding service).
///
/// One pass walks the store's candidates in id order, `batchSize` at a time: papers whose text is unchanged
/// since their vector was written are only marked as checked; the others are embedded and written. All state
/// lives in the database, so a killed pass resumes where it stopped; cancelling the task stops between batches.
public struct EmbeddingJob: Sendable {
    public let store: any EmbeddingStore
    public let embedder: any TextEmbedder
    public var batchSize: Int

    public init(store: any EmbeddingStore, embedder: any TextEmbedder, batchSize: Int = 64) {
        self.store = store
        self.embedder = embedder
        self.batchSize = max(1, batchSize)
    }

    /// Progress after each batch.
    public struct Progress: Sendable, Equatable {
        /// Papers embedded in this pass so far.
        public var embedded: Int
        /// Papers looked at in this pass so far (embedded or found unchanged).
        public var checked: Int
        /// Papers with a vector, of all papers, after the batch.
        public var coverage: EmbeddingProgress
        public var elapsed: TimeInterval
    }

    /// Runs one pass; returns the number of papers embedded.
    @discardableResult
    public func runPass(progress: @Sendable (Progress) -> Void = { _ in }) async throws -> Int {
        let started = Date()
        let model = embedder.modelName
        var after: PaperID?
        var embedded = 0
        var checked = 0
        while true {
            try Task.checkCancellation()
            let candidates = try await store.embeddingCandidates(model: model, after: after, limit: batchSize)
            guard let last = candidates.last else { break }
            var records: [EmbeddingRecord] = []
            var toEmbed: [(index: Int, text: String)] = []
            for candidate in candidates {
                let text = EmbeddingText.document(title: candidate.title, abstract: candidate.abstract)
                let hash = EmbeddingText.hash(text)
                records.append(EmbeddingRecord(id: candidate.id, contentHash: hash, paperModifiedAt: candidate.modifiedAt,
                                               vector: nil))
                if candidate.storedHash != hash { toEmbed.append((records.count - 1, text)) }
            }
            if !toEmbed.isEmpty {
                let vectors = try await embedder.embed(toEmbed.map(\.text))
                guard vectors.count == toEmbed.count else {
                    throw PaperboyError(.internal, "The encoder returned \(vectors.count) vectors for \(toEmbed.count) texts.")
                }
                for (slot, vector) in zip(toEmbed, vectors) {
                    guard vector.count == embedder.dimension, vector.allSatisfy(\.isFinite) else {
                        throw PaperboyError(.internal, "The encoder returned an invalid vector for paper \(records[slot.index].id).")
                    }
                    records[slot.index].vector = vector
                }
            }
            try await store.saveEmbeddings(records, model: model)
            embedded += toEmbed.count
            checked += candidates.count
            after = last.id
            let coverage = try await store.embeddingProgress(model: model)
            progress(Progress(embedded: embedded, checked: checked, coverage: coverage,
                              elapsed: Date().timeIntervalSince(started)))
        }
        return embedded
    }
}

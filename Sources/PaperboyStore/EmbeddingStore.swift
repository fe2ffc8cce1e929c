import Foundation
import PaperboyCore

/// Storage of papers' dense vectors (semantic search), beside the papers they describe.
///
/// The embedding job walks ``embeddingCandidates(model:after:limit:)`` in id order — papers with no vector
/// for `model`, or changed since their vector was checked — and writes back with ``saveEmbeddings(_:model:)``.
/// Everything it needs to resume is in the database, so a killed job continues where it stopped.
/// Vector indexes follow ``embeddings(model:afterSequence:limit:)``.
public protocol EmbeddingStore: Sendable {
    /// Papers after `afterID` (id order) that need a vector for `model` checked: none stored, or the paper
    /// changed after the stored one was written.
    func embeddingCandidates(model: String, after afterID: PaperID?, limit: Int) async throws -> [EmbeddingCandidate]

    /// Stores vectors (records with a `vector`) and marks unchanged papers as checked (records without one),
    /// in one transaction. Records of papers removed meanwhile are skipped.
    func saveEmbeddings(_ records: [EmbeddingRecord], model: String) async throws

    /// How many papers have a vector for `model`, of how many.
    func embeddingProgress(model: String) async throws -> EmbeddingProgress

    /// Vectors of `model` written after `sequence`, in write order, `limit` at a time.
    func embeddings(model: String, afterSequence sequence: Int64, limit: Int) async throws -> [StoredEmbedding]

    /// The stored vector of one paper, if any.
    func embedding(of id: PaperID, model: String) async throws -> [Float]?
}

/// A paper the embedding job must look at.
public struct EmbeddingCandidate: Sendable, Equatable {
    public var id: PaperID
    public var title: String
    public var abstract: String
    /// The paper's `modified_at` when read.
    public var modifiedAt: Double
    /// The content hash of the stored vector, if there is one.
    public var storedHash: String?

    public init(id: PaperID, title: String, abstract: String, modifiedAt: Double, storedHash: String?) {
        self.id = id
        self.title = title
        self.abstract = abstract
        self.modifiedAt = modifiedAt
        self.storedHash = storedHash
    }
}

/// What the embedding job writes for one paper.
public struct EmbeddingRecord: Sendable, Equatable {
    public var id: PaperID
    public var contentHash: String
    /// The `modified_at` of the paper version that was embedded (from the candidate).
    public var paperModifiedAt: Double
    /// The new vector; `nil` when the text is unchanged and only the check is recorded.
    public var vector: [Float]?

    public init(id: PaperID, contentHash: String, paperModifiedAt: Double, vector: [Float]?) {
        self.id = id
        self.contentHash = contentHash
        self.paperModifiedAt = paperModifiedAt
        self.vector = vector
    }
}

/// A stored vector with its write sequence number.
public struct StoredEmbedding: Sendable, Equatable {
    public var id: PaperID
    public var vector: [Float]
    public var sequence: Int64

    public init(id: PaperID, vector: [Float], sequence: Int64) {
        self.id = id
        self.vector = vector
        self.sequence = sequence
    }
}

/// Embedding coverage.
public struct EmbeddingProgress: Sendable, Equatable, Codable {
    public var embedded: Int
    public var total: Int

    public init(embedded: Int, total: Int) {
        self.embedded = embedded
        self.total = total
    }

    /// Share of papers with a vector (1 for an empty store).
    public var fraction: Double { total == 0 ? 1 : Double(embedded) / Double(total) }
}

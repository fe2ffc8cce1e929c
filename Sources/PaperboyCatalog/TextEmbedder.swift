import Foundation
import PaperboyCore
import PaperboyEmbedding

/// Turns texts into unit-length vectors: the query side of semantic search and the embedding job.
/// The product uses ``SentenceEncoder`` (all-MiniLM-L6-v2); tests may inject a small deterministic one.
public protocol TextEmbedder: Sendable {
    /// Names the model; stored with every vector so a model change re-embeds.
    var modelName: String { get }
    var dimension: Int { get }
    func embed(_ texts: [String]) async throws -> [[Float]]
}

extension SentenceEncoder: TextEmbedder {
    public var modelName: String { "all-MiniLM-L6-v2" }

    public func embed(_ texts: [String]) async throws -> [[Float]] {
        await encode(texts)
    }
}

/// The text a paper is embedded from, and its content hash.
public enum EmbeddingText {
    /// Title and abstract separated by a space — the same shape as the SciFact corpus the encoder was checked
    /// against (title + " " + text).
    public static func document(title: String, abstract: String) -> String {
        (title + " " + abstract).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// FNV-1a 64 of the text's UTF-8, as 16 hex digits: detects an edited title or abstract.
    public static func hash(_ text: String) -> String { FNV1a.hex(text) }
}

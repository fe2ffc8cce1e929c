import Foundation
import PaperboyCatalog
import PaperboyCore

/// A bag-of-words embedder by feature hashing: each lower-cased word adds 1 to the coordinate its FNV hash picks,
/// then the vector is L2-normalised. Deterministic and instant, with no model files — it lets tests (and
/// machines without the MiniLM model) exercise every semantic code path. It knows nothing of meaning: texts are
/// similar exactly when they share words. `synonyms` maps words onto others to imitate a little of what a real
/// encoder does (tests use it to show dense retrieval finding a paper that shares no word with the query).
public struct HashingEmbedder: TextEmbedder {
    public let dimension: Int
    public let synonyms: [String: String]
    public var modelName: String { "hashing-\(dimension)" }

    public init(dimension: Int = 64, synonyms: [String: String] = [:]) {
        self.dimension = max(1, dimension)
        self.synonyms = synonyms
    }

    public func embed(_ texts: [String]) async throws -> [[Float]] {
        texts.map(vector)
    }

    public func vector(_ text: String) -> [Float] {
        var v = [Float](repeating: 0, count: dimension)
        for word in text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }) {
            let w = synonyms[String(word)] ?? String(word)
            v[Int(FNV1a.hash(w) % UInt64(dimension))] += 1
        }
        let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
        if norm == 0 { v[0] = 1; return v }
        return v.map { $0 / norm }
    }
}

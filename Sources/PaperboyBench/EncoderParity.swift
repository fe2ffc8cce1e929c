import Foundation
import PaperboyEmbedding

/// Checks the encoder against sentence-transformers' reference vectors in the shared data: every SciFact corpus
/// text (title + " " + text), every SciFact query — batched (the sgemm path) and once more one at a time, as the
/// site encodes a search (the row-kernel path for up to 24 tokens) — and the edge cases (which also pin the
/// tokenizer's ids).
/// `paperboy bench parity` runs it (CI does, through the acceptance tests); the threshold is cosine ≥ 0.9999.
public enum EncoderParity {
    public static let threshold: Float = 0.9999

    /// The outcome for one set of texts.
    public struct SetResult: Sendable, Codable, Equatable {
        public var name: String
        public var count: Int
        public var min_cosine: Float
        public var worst_row: Int
        /// Rows under the threshold (and, for edge cases, rows whose token ids differ).
        public var failures: Int
        public var seconds: Double
    }

    struct EdgeCase: Decodable {
        let text: String
        let input_ids: [Int32]
        let embedding: [Float]
    }

    struct EdgeCaseFile: Decodable { let cases: [EdgeCase] }

    /// Runs all three sets; throws when the shared files are missing or malformed.
    public static func run(encoder: SentenceEncoder, sharedData: URL) throws(EmbeddingError) -> [SetResult] {
        var results: [SetResult] = []
        for name in ["corpus", "queries"] {
            let started = Date()
            let texts = name == "corpus"
                ? try BenchmarkData.corpusTexts(sharedData.appendingPathComponent("beir/scifact/corpus.jsonl.gz"))
                : try BenchmarkData.queryTexts(sharedData.appendingPathComponent("beir/scifact/queries.jsonl.gz"))
            let reference = try NpyArray(contentsOf: sharedData.appendingPathComponent("reference/scifact-\(name)-minilm.npy"))
            guard reference.shape == [texts.count, encoder.dimension] else {
                throw EmbeddingError(.invalidData, "reference/scifact-\(name)-minilm.npy has shape \(reference.shape), expected [\(texts.count), \(encoder.dimension)]")
            }
            let flat = encoder.encodeFlat(texts)
            let d = encoder.dimension
            results.append(summarise(name, (0..<texts.count).map { VectorSimilarity.cosine(flat[($0 * d)..<(($0 + 1) * d)], reference.row($0)) },
                                     started: started))
            if name == "queries" {
                let alone = Date()
                let cosines = texts.indices.map { i in VectorSimilarity.cosine(encoder.encodeFlat([texts[i]]), reference.row(i)) }
                results.append(summarise("queries-one-at-a-time", cosines, started: alone))
            }
        }
        let started = Date()
        let url = sharedData.appendingPathComponent("reference/minilm-edge-cases.json")
        let cases: [EdgeCase]
        do {
            cases = try JSONDecoder().decode(EdgeCaseFile.self, from: Data(contentsOf: url)).cases
        } catch {
            throw EmbeddingError(.invalidData, "cannot read \(url.path): \(error)")
        }
        let vectors = encoder.encode(cases.map(\.text))
        var edge = summarise("edge-cases", zip(cases, vectors).map { VectorSimilarity.cosine($1, $0.embedding) }, started: started)
        edge.failures += cases.filter { encoder.tokenizer.encode($0.text) != $0.input_ids }.count
        results.append(edge)
        return results
    }

    static func summarise(_ name: String, _ cosines: [Float], started: Date) -> SetResult {
        var worst: (Float, Int) = (2, -1)
        for (i, c) in cosines.enumerated() where c < worst.0 { worst = (c, i) }
        return SetResult(name: name, count: cosines.count, min_cosine: worst.0, worst_row: worst.1,
                         failures: cosines.filter { !($0 >= threshold) }.count, seconds: Date().timeIntervalSince(started))
    }
}

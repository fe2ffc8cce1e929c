import Foundation
import PaperboyEmbedding
import TestSupport

/// Locates the shared, read-only evaluation data and the model for tests.
enum TestData {
    static let sharedData: URL? = SharedTestData.directory
    static let sharedDataMissing = Comment(rawValue: SharedTestData.directoryMissing)

    /// The bundled-with-data vocabulary (no model needed).
    static var vocabularyURL: URL? {
        sharedData?.appendingPathComponent("models/bert-uncased-wordpiece/vocab.txt")
    }

    static var modelInstalled: Bool { SharedTestData.modelInstalled }
    static let modelMissing = Comment(rawValue: SharedTestData.modelMissing)

    struct EdgeCase: Decodable {
        let text: String
        let input_ids: [Int32]
        let embedding: [Float]
    }

    private struct EdgeCaseFile: Decodable { let cases: [EdgeCase] }

    /// `reference/minilm-edge-cases.json`.
    static func edgeCases() throws -> [EdgeCase] {
        let url = try #require(sharedData).appendingPathComponent("reference/minilm-edge-cases.json")
        return try JSONDecoder().decode(EdgeCaseFile.self, from: Data(contentsOf: url)).cases
    }

    static func tokenizer() throws -> BertTokenizer {
        try BertTokenizer(vocabularyURL: try #require(vocabularyURL))
    }

    static func cosine<A: Collection, B: Collection>(_ a: A, _ b: B) -> Float where A.Element == Float, B.Element == Float {
        VectorSimilarity.cosine(a, b)
    }
}

import Testing

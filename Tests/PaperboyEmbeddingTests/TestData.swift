import Foundation
import PaperboyEmbedding

/// Locates the shared, read-only evaluation data and the model for tests.
enum TestData {
    /// `$PAPERBOY_SHARED_DATA`, else `<repo root>/../shared/data` (repo root derived from this file's path).
    static let sharedData: URL? = {
        let fm = FileManager.default
        if let env = ProcessInfo.processInfo.environment["PAPERBOY_SHARED_DATA"], !env.isEmpty {
            return fm.fileExists(atPath: env) ? URL(fileURLWithPath: env, isDirectory: true) : nil
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let shared = root.deletingLastPathComponent().appendingPathComponent("shared/data", isDirectory: true)
        return fm.fileExists(atPath: shared.path) ? shared : nil
    }()

    static let sharedDataMissing: Comment = "shared data not found: set PAPERBOY_SHARED_DATA or place it at <repo root>/../shared/data"

    /// The bundled-with-data vocabulary (no model needed).
    static var vocabularyURL: URL? {
        sharedData?.appendingPathComponent("models/bert-uncased-wordpiece/vocab.txt")
    }

    static var modelInstalled: Bool { ModelLocation.default(environment: ProcessInfo.processInfo.environment).isInstalled }
    static let modelMissing: Comment = "all-MiniLM-L6-v2 not installed: run scripts/fetch-model.sh (or set PAPERBOY_MODEL_DIR)"

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
        EncoderParity.cosine(a, b)
    }
}

import Testing

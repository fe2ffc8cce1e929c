import Foundation
import Testing
@testable import PaperboyEmbedding

/// Accuracy against sentence-transformers' reference outputs (needs the model: `scripts/fetch-model.sh`).
@Suite("Encoder parity", .enabled(if: TestData.modelInstalled, TestData.modelMissing),
       .enabled(if: TestData.sharedData != nil, TestData.sharedDataMissing))
struct EncoderParityTests {
    static let encoder: SentenceEncoder? = try? SentenceEncoder.load(from: ModelLocation.default(environment: ProcessInfo.processInfo.environment))

    @Test func edgeCases() throws {
        let encoder = try #require(Self.encoder)
        let cases = try TestData.edgeCases()
        let vectors = encoder.encode(cases.map(\.text))
        for (c, v) in zip(cases, vectors) {
            #expect(encoder.tokenizer.encode(c.text) == c.input_ids)
            #expect(v.count == 384)
            #expect(TestData.cosine(v, c.embedding) >= 0.9999, "text: \(c.text.prefix(40))")
        }
    }

    @Test func batchingDoesNotChangeResults() throws {
        let encoder = try #require(Self.encoder)
        let texts = ["a", "Sparse attention for long documents.", "", String(repeating: "token ", count: 300), "b c"]
        let batched = encoder.encode(texts)
        for (text, v) in zip(texts, batched) {
            let single = try #require(encoder.encode([text]).first)
            #expect(TestData.cosine(single, v) >= 0.999999)
        }
        let norms = batched.map { $0.reduce(0) { $0 + $1 * $1 }.squareRoot() }
        #expect(norms.allSatisfy { abs($0 - 1) < 1e-5 })
        #expect(encoder.encode([]).isEmpty)
    }
}

@Suite("Model loading")
struct ModelLoadingTests {
    @Test func missingModelNamesTheFix() {
        let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("paperboy-missing-\(UUID().uuidString)")
        #expect {
            _ = try SentenceEncoder(modelDirectory: dir)
        } throws: { error in
            guard let e = error as? EmbeddingError else { return false }
            return e.code == .modelMissing && e.message.contains("scripts/fetch-model.sh")
        }
    }

    @Test(.enabled(if: TestData.sharedData != nil, TestData.sharedDataMissing))
    func corruptWeightsNameTheFix() throws {
        let fm = FileManager.default
        let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("paperboy-corrupt-\(UUID().uuidString)")
        try fm.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: dir) }
        try fm.copyItem(at: try #require(TestData.vocabularyURL), to: dir.appendingPathComponent("vocab.txt"))
        try Data(#"{"hidden_size": 384, "num_attention_heads": 12, "hidden_act": "gelu"}"#.utf8)
            .write(to: dir.appendingPathComponent("config.json"))
        // A header that promises more bytes than the file holds.
        var bytes = Data()
        let header = Data(#"{"embeddings.word_embeddings.weight":{"dtype":"F32","shape":[30522,384],"data_offsets":[0,46881792]}}"#.utf8)
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(header)
        bytes.append(Data(count: 1024))
        try bytes.write(to: dir.appendingPathComponent("model.safetensors"))
        #expect {
            _ = try SentenceEncoder(modelDirectory: dir)
        } throws: { error in
            guard let e = error as? EmbeddingError else { return false }
            return e.code == .modelCorrupt && e.message.contains("scripts/fetch-model.sh")
        }
        try Data("garbage".utf8).write(to: dir.appendingPathComponent("model.safetensors"))
        #expect(throws: EmbeddingError.self) { _ = try SentenceEncoder(modelDirectory: dir) }
    }

    @Test func checkpointKeyMapping() {
        let map = BertWeights.parameterName(forCheckpointKey:)
        #expect(map("embeddings.word_embeddings.weight") == "embeddings.word")
        #expect(map("bert.embeddings.LayerNorm.gamma") == "embeddings.norm.weight")
        #expect(map("encoder.layer.5.attention.self.value.bias") == "layers.5.value.bias")
        #expect(map("encoder.layer.0.attention.output.LayerNorm.weight") == "layers.0.attentionNorm.weight")
        #expect(map("encoder.layer.2.output.dense.weight") == "layers.2.output.weight")
        #expect(map("embeddings.position_ids") == nil)
        #expect(map("pooler.dense.weight") == nil)
    }

    @Test func defaultLocationFollowsEnvironment() {
        #expect(ModelLocation.default(environment: ["PAPERBOY_MODEL_DIR": "/m"]).directory.path == "/m")
        #expect(ModelLocation.default(environment: ["XDG_CACHE_HOME": "/c", "HOME": "/h"]).directory.path
            == "/c/paperboy/models/all-MiniLM-L6-v2")
        #expect(ModelLocation.default(environment: ["HOME": "/h"]).directory.path == "/h/.cache/paperboy/models/all-MiniLM-L6-v2")
    }
}

@Suite("Encoder API", .enabled(if: TestData.modelInstalled, TestData.modelMissing))
struct EncoderAPITests {
    @Test func asyncMatchesSync() async throws {
        let encoder = try SentenceEncoder.load(from: ModelLocation.default(environment: ProcessInfo.processInfo.environment))
        #expect(encoder.dimension == 384)
        let texts = ["graph neural networks", "protein folding"]
        let sync = Self.encodeSynchronously(encoder, texts)
        let viaAsync: [[Float]] = await encoder.encode(texts)
        #expect(sync == viaAsync)
        #expect(TestData.cosine(sync[0], sync[1]) < 0.9)
    }

    /// In an async context `encode` resolves to the async overload; this calls the synchronous one.
    static func encodeSynchronously(_ encoder: SentenceEncoder, _ texts: [String]) -> [[Float]] {
        encoder.encode(texts)
    }
}

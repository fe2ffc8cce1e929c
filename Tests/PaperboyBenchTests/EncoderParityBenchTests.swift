import Foundation
import PaperboyBench
import PaperboyEmbedding
import Testing
import TestSupport

/// The encoder against sentence-transformers' reference matrices, through PaperboyBench's readers (`BenchmarkData`,
/// `NpyArray`) and `EncoderParity` (needs the model: `scripts/fetch-model.sh`, and the shared data).
@Suite("Encoder parity on reference data", .enabled(if: SharedTestData.modelInstalled, Comment(rawValue: SharedTestData.modelMissing)),
       .enabled(if: SharedTestData.directory != nil, Comment(rawValue: SharedTestData.directoryMissing)))
struct EncoderParityBenchTests {
    static let encoder: SentenceEncoder? = try? SentenceEncoder.load(from: ModelLocation.default(environment: ProcessInfo.processInfo.environment))

    @Test func fiftyCorpusRows() throws {
        let encoder = try #require(Self.encoder)
        let shared = try #require(SharedTestData.directory)
        let texts = try BenchmarkData.corpusTexts(shared.appendingPathComponent("beir/scifact/corpus.jsonl.gz"))
        let reference = try NpyArray(contentsOf: shared.appendingPathComponent("reference/scifact-corpus-minilm.npy"))
        #expect(texts.count == 5183 && reference.shape == [5183, 384])
        let rows = (0..<50).map { $0 * 103 }
        let vectors = encoder.encode(rows.map { texts[$0] })
        for (row, v) in zip(rows, vectors) {
            #expect(VectorSimilarity.cosine(v, reference.row(row)) >= 0.9999, "corpus row \(row)")
        }
    }

    /// All 6,292 SciFact texts and the edge cases. Heavy: runs when `PAPERBOY_FULL_PARITY=1` (use a release test
    /// build: `swift test -c release`). CI runs the same check through `paperboy bench parity` (release binary) in
    /// tests/acceptance/test_semantic.py.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["PAPERBOY_FULL_PARITY"] == "1", "set PAPERBOY_FULL_PARITY=1 to run"))
    func fullSciFactParity() throws {
        let encoder = try #require(Self.encoder)
        let results = try EncoderParity.run(encoder: encoder, sharedData: try #require(SharedTestData.directory))
        #expect(results.map(\.count) == [5183, 1109, results[2].count])
        for r in results {
            #expect(r.failures == 0 && r.min_cosine >= EncoderParity.threshold, "\(r.name): min cosine \(r.min_cosine) at row \(r.worst_row)")
        }
    }
}

@Suite("Reference-matrix reader")
struct NpyArrayTests {
    @Test func npyRoundTrip() throws {
        var header = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }"
        while (10 + header.utf8.count + 1) % 64 != 0 { header += " " }
        header += "\n"
        var data = Data([0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(header.utf8.count & 0xFF), UInt8(header.utf8.count >> 8)])
        data.append(Data(header.utf8))
        for v: Float in [1, 2, 3, 4, 5, 6] { withUnsafeBytes(of: v.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
        let array = try NpyArray(data: data)
        #expect(array.shape == [2, 3])
        #expect(Array(array.row(1)) == [4, 5, 6])
        #expect(throws: EmbeddingError.self) { _ = try NpyArray(data: data.prefix(data.count - 4)) }
    }
}

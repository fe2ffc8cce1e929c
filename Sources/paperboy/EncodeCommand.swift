import ArgumentParser
import Foundation
import PaperboyEmbedding

struct Encode: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Embed texts with all-MiniLM-L6-v2: one JSON array of 384 floats per text.",
        discussion: "Texts come from the arguments, or one per line from standard input when none are given. "
            + "The model is fetched by scripts/fetch-model.sh ($PAPERBOY_MODEL_DIR to override its place)."
    )

    @Argument(help: "Texts to embed.")
    var texts: [String] = []

    func run() async throws {
        var input = texts
        if input.isEmpty {
            while let line = readLine() { input.append(line) }
        }
        let encoder: SentenceEncoder
        do { encoder = try SentenceEncoder.load() } catch {
            FileHandle.standardError.write(Data("\(error.message)\n".utf8))
            throw ExitCode(1)
        }
        for vector in await encoder.encode(input) {
            print("[" + vector.map { String($0) }.joined(separator: ",") + "]")
        }
    }
}

struct BenchEmbed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed",
        abstract: "Encoder throughput on the SciFact corpus next to cblas_sgemm measured in the same run."
    )

    @Option(help: "Encode only the first N documents (default: all 5,183).")
    var docs: Int?

    @Option(help: "Shared data folder (default: $PAPERBOY_SHARED_DATA or ../shared/data).")
    var sharedData: String?

    @Flag(help: "Print one JSON object.")
    var json = false

    func run() async throws {
        let shared = URL(fileURLWithPath: sharedData ?? ProcessInfo.processInfo.environment["PAPERBOY_SHARED_DATA"]
            ?? "../shared/data")
        let report: EmbeddingBenchmark.Report
        do {
            report = try EmbeddingBenchmark(encoder: try SentenceEncoder.load()).runSciFact(sharedData: shared, documentLimit: docs)
        } catch {
            throw ValidationError(error.message)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = json ? [.sortedKeys] : [.sortedKeys, .prettyPrinted]
        print(String(decoding: try encoder.encode(report), as: UTF8.self))
    }
}

import ArgumentParser
import Foundation
import PaperboyBench

struct BenchRecommend: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recommend",
        abstract: "\"For you\" latency: readers with many upvotes over every paper of a database (run a release build).",
        discussion: """
            In a copy of the database, --readers accounts upvote --upvotes papers each (fixed seed); the window \
            covers every day, so every paper is a candidate. Prints the first request (model trained), later \
            requests (the Recommender call GET /api/recommendations makes: signals from the store, cached model, \
            ranking) and the model update after one more vote, beside an exact vector scan of the same candidates \
            measured in the same run. Papers without stored vectors get seeded random ones in memory.
            """
    )

    @Option(help: ArgumentHelp("An SQLite database with papers and daily entries.", valueName: "path"))
    var database: String

    @Option(help: "Readers to simulate.")
    var readers = 10

    @Option(help: "Upvotes per reader.")
    var upvotes = 200

    @Option(help: "Timed requests per reader after the first.")
    var requests = 10

    @Flag(help: "Print one JSON object.")
    var json = false

    func validate() throws {
        guard FileManager.default.fileExists(atPath: database) else { throw ValidationError("No database at \(database).") }
        guard (1...1_000).contains(readers), (1...10_000).contains(upvotes), (1...1_000).contains(requests) else {
            throw ValidationError("--readers 1…1000, --upvotes 1…10000, --requests 1…1000.")
        }
    }

    func run() async throws {
        var bench = RecommendationBenchmark(databasePath: database)
        bench.readers = readers
        bench.upvotes = upvotes
        bench.requestsPerReader = requests
        let r = try await bench.run { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            encoder.keyEncodingStrategy = .convertToSnakeCase
            print(String(decoding: try encoder.encode(r), as: UTF8.self))
            return
        }
        print("papers \(r.papers), candidates \(r.candidates), readers \(r.readers) × \(r.upvotes) upvotes, stored vectors \(r.storedVectors)")
        print(String(format: "first request (trains)   p50 %8.2f ms", r.firstP50Ms))
        print(String(format: "request (cached model)   p50 %8.2f ms   p99 %8.2f ms   = %.1f× the scan", r.requestP50Ms, r.requestP99Ms, r.requestP50Ms / max(r.baselineScanP50Ms, 1e-9)))
        print(String(format: "update after a vote      p50 %8.3f ms   max %8.3f ms", r.updateP50Ms, r.updateMaxMs))
        print(String(format: "baseline: exact scan of the candidates' vectors p50 %8.2f ms", r.baselineScanP50Ms))
        print(String(format: "parts: signals read p50 %.2f ms; ranking alone p50 %.2f ms (int8 text) vs %.2f ms (float32 text) = %.2f×; top-20 agreement %.1f%%",
                     r.signalsP50Ms, r.rankP50Ms, r.rankFloat32P50Ms, r.rankP50Ms / max(r.rankFloat32P50Ms, 1e-9),
                     r.top20Agreement * 100))
    }
}

import ArgumentParser
import Foundation
import PaperboyBench
import PaperboyCore
import PaperboyIngest
import PaperboySearch

struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Benchmarks that print numbers (run a release build).",
        subcommands: [BenchSearch.self, BenchEmbed.self, BenchParity.self, BenchIngest.self, BenchKernels.self, BenchVectors.self,
                      BenchRecommend.self]
    )
}

struct BenchSearch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Paperboy's engine against SQLite FTS5 on the same documents and the same 1,000 queries.",
        discussion: """
            FILE is a BEIR corpus or any file `paperboy import` reads (e.g. the 44k arXiv listing). Queries are
            2–4-word spans of titles drawn with a fixed seed. --scale N grows the corpus to N documents by
            deterministic recombination of real abstracts. Both engines rank the OR of the query words by BM25
            and return the top 10.
            """
    )

    @Option(help: "Corpus file (.jsonl or .jsonl.gz).", completion: .file())
    var corpus: String

    @Option(help: "Grow the corpus to this many documents.")
    var scale: Int?

    @Option(help: "How many queries.")
    var queries = 1000

    @Flag(help: "Skip the FTS5 baseline (for very large scales).")
    var noFts5 = false

    @Flag(help: "Print one JSON object: {paperboy: {…}, fts5: {…}, docs, queries}.")
    var json = false

    func validate() throws {
        if let scale, !(1...20_000_000).contains(scale) { throw ValidationError("--scale must be 1…20000000.") }
        guard (1...100_000).contains(queries) else { throw ValidationError("--queries must be 1…100000.") }
    }

    func run() async throws {
        var documents = try Self.readDocuments(corpus)
        guard !documents.isEmpty else { throw ValidationError("\(corpus) holds no documents.") }
        let queryList = QuerySampler.draw(titles: documents.map(\.title), count: queries)
        if let scale { documents = CorpusScaler.scale(documents, to: scale) }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("paperboy-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let runner = BenchmarkRunner(documents: documents, queries: queryList, includeFTS5: !noFts5, workDirectory: work,
                                     log: { line in if !json { FileHandle.standardError.write(Data("\(line)\n".utf8)) } })
        let report = try runner.run()
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
            return
        }
        print("docs: \(report.docs), queries: \(report.queries)")
        func line(_ name: String, _ r: EngineReport) -> String {
            String(format: "%-9@ p50 %8.3f ms  p90 %8.3f ms  p99 %8.3f ms  %9.0f q/s  build %7.2f s  index %6.1f MB  rss %6.1f MB",
                   name, r.p50_ms, r.p90_ms, r.p99_ms, r.qps, r.build_s, Double(r.index_bytes) / 1e6, Double(r.rss_bytes) / 1e6)
        }
        print(line("paperboy", report.paperboy))
        if let f = report.fts5 {
            print(line("fts5", f))
            print(String(format: "speed-up: p50 %.1f×, p99 %.1f×", f.p50_ms / report.paperboy.p50_ms, f.p99_ms / report.paperboy.p99_ms))
        }
    }

    /// BEIR corpora (`_id` keys) or anything the importer reads, as search documents.
    static func readDocuments(_ path: String) throws -> [SearchDocument] {
        var documents: [SearchDocument] = []
        var format: ImportFormat?
        var beir: Bool?
        for (n, line) in try LineReader(path: path).enumerated() where !line.isBlank {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw ValidationError("\(path): line \(n + 1) is not a JSON object.")
            }
            if beir == nil { beir = object["_id"] != nil }
            if beir == true {
                guard let id = object["_id"] as? String ?? (object["_id"] as? NSNumber)?.stringValue else {
                    throw ValidationError("\(path): line \(n + 1) has no _id.")
                }
                documents.append(SearchDocument(id: id, title: object["title"] as? String ?? "",
                                                abstract: object["text"] as? String ?? ""))
                continue
            }
            if format == nil { format = ImportFormat.detect(object) }
            guard let format else { throw ValidationError("\(path): line \(n + 1) is in no format Paperboy reads.") }
            let p: Paper
            do { p = try format.parse(object).paper } catch {
                throw ValidationError("\(path): line \(n + 1): \(error.message)")
            }
            let day = p.publishedAt.map { Day(secondsSinceEpoch: $0.timeIntervalSince1970) }
            documents.append(SearchDocument(id: p.id.rawValue, title: p.title, abstract: p.abstract,
                                            authors: p.authors.map(\.name), categories: p.categories,
                                            day: day?.yyyymmdd ?? 0,
                                            upvotes: p.importedUpvotes))
        }
        return documents
    }
}

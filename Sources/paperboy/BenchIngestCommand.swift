import ArgumentParser
import Foundation
import PaperboyBench
import PaperboyIngest
import PaperboyStore

struct BenchIngest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Bulk import speed: a synthetic Kaggle arXiv snapshot imported into a fresh SQLite database.",
        discussion: """
            Writes N lines in the format of Kaggle's arxiv-metadata-oai-snapshot.json to a temporary folder
            (or imports --file instead), imports them with the same Importer as `paperboy import`, and prints
            lines/s and the peak RSS of the import (the generator's memory is not counted). Run a release build.
            """
    )

    @Option(help: "Lines to generate.")
    var lines = 1_000_000

    @Option(help: "Import this file instead of generating one.", completion: .file())
    var file: String?

    @Flag(help: "Keep the generated file and database (their paths are printed).")
    var keep = false

    @Flag(help: "Print one JSON object.")
    var json = false

    func validate() throws {
        guard (1...50_000_000).contains(lines) else { throw ValidationError("--lines must be 1…50000000.") }
    }

    func run() async throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("paperboy-bench-ingest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { if !keep { try? FileManager.default.removeItem(at: work) } }
        let source: String
        var fileBytes = 0
        if let file {
            source = file
            fileBytes = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
        } else {
            source = work.appendingPathComponent("arxiv-metadata-oai-snapshot.json").path
            let started = Date()
            fileBytes = try KaggleSnapshotGenerator().write(lines: lines, to: source)
            if !json {
                FileHandle.standardError.write(Data(String(format: "generated %d lines (%.0f MB) in %.1f s → %@\n", lines,
                                                           Double(fileBytes) / 1e6, Date().timeIntervalSince(started), source).utf8))
            }
        }
        let database = work.appendingPathComponent("bench.sqlite").path
        let store = try SQLitePaperStore(path: database)
        let resetWorked = ProcessStats.resetPeak()
        let started = Date()
        let report = try await Importer(store: store, format: .kaggle).importFile(at: source)
        let seconds = Date().timeIntervalSince(started)
        let peak = ProcessStats.peakResidentBytes()
        let result: [String: Any] = [
            "lines": report.lines, "records": report.records, "bad_lines": report.errors.count,
            "papers_inserted": report.counts.papersInserted, "seconds": seconds,
            "lines_per_second": Double(report.lines) / seconds, "peak_rss_mb": Double(peak) / 1_048_576,
            "peak_rss_scope": resetWorked ? "import" : "process", "file_mb": Double(fileBytes) / 1e6,
        ]
        if json {
            print(String(decoding: try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys]), as: UTF8.self))
        } else {
            print(String(format: "imported %d lines (%d papers, %d bad) in %.1f s: %.0f lines/s, peak RSS %.0f MiB (%@)",
                         report.lines, report.counts.papersInserted, report.errors.count, seconds,
                         Double(report.lines) / seconds, Double(peak) / 1_048_576, resetWorked ? "import only" : "whole process"))
            if keep { print("kept: \(source), \(database)") }
        }
    }
}

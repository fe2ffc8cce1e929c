import ArgumentParser
import Foundation
import PaperboyCore
import PaperboyIngest
import PaperboyStore

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import papers from JSONL files (plain or .gz; format detected).",
        discussion: """
            Formats: Hugging Face daily_papers entries, arXiv listing JSONL, Kaggle's arxiv-metadata-oai-snapshot,
            and the seed list. Importing is idempotent: a second run changes nothing, a newer record updates the
            paper. A malformed line is reported with its line number and skipped; the command then exits 1.
            With --strict the first bad line aborts the file and nothing of it is written.
            """
    )

    @OptionGroup var db: DatabaseOptions

    @Flag(help: "Abort a file on its first bad line, writing nothing of that file.")
    var strict = false

    @Option(help: "Force the format instead of detecting it (\(ImportFormat.allCases.map(\.rawValue).joined(separator: ", "))).")
    var format: String?

    @Flag(help: "Print the report as JSON.")
    var json = false

    @Argument(help: "Files to import.", completion: .file())
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("Name at least one file to import.") }
        if let format, ImportFormat(rawValue: format) == nil {
            throw ValidationError("Unknown format '\(format)'. Known: \(ImportFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
    }

    func run() async throws {
        let stores = try await db.openStores()
        let store = stores.papers
        let ok = try await ImportRunner(store: store, strict: strict, format: format.flatMap(ImportFormat.init),
                                        json: json).run(files)
        let started = Date()
        if !db.isPostgres {
            let catalog = try await db.openCatalog(stores)
            if !json {
                print("search index: \(catalog.documentCount) papers, up to date in \(String(format: "%.2f", Date().timeIntervalSince(started))) s")
            }
        }
        if !ok { throw ExitCode(1) }
    }
}

/// Runs imports with terminal progress and a summary; shared by `import` and `serve --import`.
struct ImportRunner {
    let store: any PaperStore
    var strict = false
    var format: ImportFormat?
    var json = false

    /// Imports every file; returns false if any line failed.
    func run(_ files: [String]) async throws -> Bool {
        var allOK = true
        let terminal = isatty(STDERR_FILENO) == 1
        for path in files {
            let started = Date()
            let importer = Importer(store: store, strict: strict, format: format)
            let show: Importer.Progress = { read, size, records in
                let percent = size > 0 ? min(100, read * 100 / size) : 0
                FileHandle.standardError.write(Data("\r\(path): \(percent)% \(records) records".utf8))
            }
            let report = try await importer.importFile(at: path, progress: terminal ? show : nil)
            if terminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            let seconds = Date().timeIntervalSince(started)
            for error in report.errors.prefix(50) {
                FileHandle.standardError.write(Data("\(path): \(error)\n".utf8))
            }
            if report.errors.count > 50 {
                FileHandle.standardError.write(Data("\(path): … and \(report.errors.count - 50) more bad lines\n".utf8))
            }
            if !report.errors.isEmpty { allOK = false }
            print(json ? jsonLine(report, seconds) : summary(report, seconds))
        }
        return allOK
    }

    private func summary(_ r: Importer.Report, _ seconds: Double) -> String {
        let c = r.counts
        let head = "\(r.path) [\(r.format?.rawValue ?? "unknown")]: \(r.records) records from \(r.lines) lines in "
            + String(format: "%.2f s", seconds)
        if r.aborted {
            return head + "; aborted at the first bad line (--strict): nothing written."
        }
        return head + "; papers +\(c.papersInserted) new, \(c.papersUpdated) updated, \(c.papersUnchanged) unchanged;"
            + " daily entries +\(c.entriesInserted) new, \(c.entriesUpdated) updated, \(c.entriesUnchanged) unchanged;"
            + " \(r.errors.count) bad line\(r.errors.count == 1 ? "" : "s")."
    }

    private func jsonLine(_ r: Importer.Report, _ seconds: Double) -> String {
        let object: [String: Any] = [
            "path": r.path, "format": r.format?.rawValue ?? NSNull(), "lines": r.lines, "records": r.records,
            "seconds": seconds, "aborted": r.aborted,
            "papers_inserted": r.counts.papersInserted, "papers_updated": r.counts.papersUpdated,
            "papers_unchanged": r.counts.papersUnchanged, "entries_inserted": r.counts.entriesInserted,
            "entries_updated": r.counts.entriesUpdated, "entries_unchanged": r.counts.entriesUnchanged,
            "errors": r.errors.map { ["line": $0.line, "reason": $0.reason] },
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}

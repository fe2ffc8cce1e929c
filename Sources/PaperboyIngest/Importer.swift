import Foundation
import Logging
import PaperboyCore
import PaperboyStore

/// Imports JSONL files (plain or gzip) into a ``PaperStore``.
///
/// - The format is detected from the first record (or forced with `format`).
/// - Records are written in batches of ``batchSize``, each in one transaction.
/// - A malformed line is reported with its line number and reason and skipped; the rest still imports.
/// - In `strict` mode the first bad line aborts the import and nothing is written: the file is parsed
///   completely first, then written in a single transaction.
/// - Importing the same file twice changes nothing the second time (see ``Paper/merged(with:)``).
public struct Importer: Sendable {
    public let store: any PaperStore
    public var batchSize = 1000
    public var strict = false
    public var format: ImportFormat?

    public init(store: any PaperStore, strict: Bool = false, format: ImportFormat? = nil) {
        self.store = store
        self.strict = strict
        self.format = format
    }

    /// A line that could not be imported.
    public struct LineError: Sendable, Equatable, CustomStringConvertible {
        public var line: Int
        public var reason: String
        public var description: String { "line \(line): \(reason)" }
    }

    /// What one file's import did.
    public struct Report: Sendable, Equatable {
        public var path: String
        public var format: ImportFormat?
        public var lines = 0
        public var records = 0
        public var counts = ImportCounts()
        public var errors: [LineError] = []
        /// Set when a strict import stopped (nothing was written).
        public var aborted = false
    }

    /// Progress callback: (bytes read, file size, records so far).
    public typealias Progress = @Sendable (Int, Int, Int) -> Void

    public func importFile(at path: String, progress: Progress? = nil) async throws -> Report {
        let reader = try LineReader(path: path)
        var report = Report(path: path, format: format)
        var pending = ImportBatch()
        var positions: [Day: Int] = [:]
        var lineNumber = 0
        // Writes overlap with parsing: batch N is written (on the store's own thread) while batch N+1 is parsed.
        var inFlight: Task<ImportCounts, any Error>?
        defer { inFlight?.cancel() }
        for line in reader {
            lineNumber += 1
            report.lines = lineNumber
            if line.allSatisfy({ $0.isWhitespace }) { continue }
            do {
                var record = try parse(line, report: &report)
                if report.format == .seed, var entry = record.entry {
                    entry.position = positions[entry.day, default: 0]
                    positions[entry.day] = entry.position + 1
                    record.entry = entry
                }
                pending.papers.append(record.paper)
                if let entry = record.entry { pending.entries.append(entry) }
                report.records += 1
            } catch {
                report.errors.append(LineError(line: lineNumber, reason: error.message))
                if strict {
                    report.aborted = true
                    return report
                }
                continue
            }
            if !strict, pending.papers.count >= batchSize {
                if let previous = inFlight { report.counts = report.counts + (try await previous.value) }
                let batch = pending
                inFlight = Task { [store] in try await store.apply(batch) }
                pending = ImportBatch()
                progress?(reader.bytesRead, reader.fileSize, report.records)
            }
        }
        if let previous = inFlight {
            report.counts = report.counts + (try await previous.value)
            inFlight = nil
        }
        if reader.hadCompressionError {
            report.errors.append(LineError(line: lineNumber + 1, reason: "the gzip stream is corrupt or truncated"))
            if strict {
                report.aborted = true
                return report
            }
        }
        if !pending.isEmpty { report.counts = report.counts + (try await store.apply(pending)) }
        progress?(reader.bytesRead, reader.fileSize, report.records)
        return report
    }

    private func parse(_ line: String, report: inout Report) throws(PaperboyError) -> ParsedRecord {
        let object: [String: Any]
        do {
            guard let decoded = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw PaperboyError.invalid("not a JSON object")
            }
            object = decoded
        } catch let error as PaperboyError {
            throw error
        } catch {
            throw .invalid("invalid JSON (\(Self.describe(error)))")
        }
        if report.format == nil {
            guard let detected = ImportFormat.detect(object) else {
                throw .invalid("unknown record format (keys: \(object.keys.sorted().prefix(8).joined(separator: ", ")))")
            }
            report.format = detected
        }
        return try report.format!.parse(object)
    }

    static func describe(_ error: any Error) -> String {
        let text = "\(error)"
        return text.count > 120 ? String(text.prefix(120)) + "…" : text
    }
}

import Foundation
import PaperboyEmbedding

/// Readers for the shared evaluation data (BEIR `.jsonl.gz` files), used by the benchmark and the tests.
public enum BenchmarkData {
    /// Decompresses a `.gz` file with `/usr/bin/gzip -dc`.
    public static func gunzip(_ url: URL) throws(EmbeddingError) -> Data {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw EmbeddingError(.invalidData, "\(url.path) not found")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/gzip")
        process.arguments = ["-dc", url.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        do {
            try process.run()
        } catch {
            throw EmbeddingError(.invalidData, "cannot run /usr/bin/gzip for \(url.path)", cause: error)
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw EmbeddingError(.invalidData, "gzip -dc \(url.path) exited with \(process.terminationStatus)")
        }
        return data
    }

    /// The texts of a BEIR `corpus.jsonl(.gz)` in file order, as sentence-transformers embeds them:
    /// `(title + " " + text)` with surrounding whitespace stripped.
    public static func corpusTexts(_ url: URL) throws(EmbeddingError) -> [String] {
        try jsonLines(url).map { object in
            let title = object["title"] as? String ?? ""
            let text = object["text"] as? String ?? ""
            return (title + " " + text).trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    /// The `text` of each line of a BEIR `queries.jsonl(.gz)`, in file order.
    public static func queryTexts(_ url: URL) throws(EmbeddingError) -> [String] {
        try jsonLines(url).map { $0["text"] as? String ?? "" }
    }

    private static func jsonLines(_ url: URL) throws(EmbeddingError) -> [[String: Any]] {
        let data: Data
        if url.pathExtension == "gz" {
            data = try gunzip(url)
        } else {
            do { data = try Data(contentsOf: url) } catch {
                throw EmbeddingError(.invalidData, "cannot read \(url.path)", cause: error)
            }
        }
        var objects: [[String: Any]] = []
        for line in data.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
            guard let object = (try? JSONSerialization.jsonObject(with: Data(line))) as? [String: Any] else {
                throw EmbeddingError(.invalidData, "\(url.path) line \(objects.count + 1) is not a JSON object")
            }
            objects.append(object)
        }
        return objects
    }
}

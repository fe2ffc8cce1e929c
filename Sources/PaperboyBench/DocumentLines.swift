import Foundation
import PaperboySearch

/// Turns JSON lines into `SearchDocument`s for benchmarks (the app's CLI has its own ingestion).
public enum DocumentLines {
    struct ArxivRecord: Decodable {
        var id: String
        var title: String
        var authors: [String]?
        var categories: [String]?
        var abstract: String?
        var first_listed: String?
    }

    /// arXiv listing lines (`id, title, authors[], categories[], abstract, first_listed`).
    public static func arxiv(_ lines: some Sequence<String>) throws -> [SearchDocument] {
        let decoder = JSONDecoder()
        var out: [SearchDocument] = []
        for line in lines where !line.isEmpty {
            let r = try decoder.decode(ArxivRecord.self, from: Data(line.utf8))
            out.append(
                SearchDocument(
                    id: r.id, title: r.title, abstract: r.abstract ?? "", authors: r.authors ?? [],
                    categories: r.categories ?? [], day: SearchDocument.day(fromISO: r.first_listed ?? "")))
        }
        return out
    }

    /// BEIR corpus lines (`_id, title, text`).
    public static func beir(_ lines: some Sequence<String>) throws -> [SearchDocument] {
        try Evaluation.readCorpus(lines: lines).map { SearchDocument(id: $0.id, title: $0.title, abstract: $0.text) }
    }

    /// Lines of a file, decompressing `.gz` with /usr/bin/gzip.
    public static func readLines(path: String) throws -> [String] {
        let data: Data
        if path.hasSuffix(".gz") {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/gzip")
            process.arguments = ["-dc", path]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
        } else {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        }
        return data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> [String] in
            let bytes = raw.bindMemory(to: UInt8.self)
            var lines: [String] = []
            var start = 0
            for i in 0..<bytes.count where bytes[i] == UInt8(ascii: "\n") {
                if i > start { lines.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)) }
                start = i + 1
            }
            if bytes.count > start {
                lines.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<bytes.count]), as: UTF8.self))
            }
            return lines
        }
    }
}

import Foundation

extension Evaluation {
    /// Parses BEIR `corpus.jsonl` lines (`_id`, `title`, `text`); blank lines are skipped.
    public static func readCorpus(lines: some Sequence<String>) throws(SearchError) -> [CorpusDocument] {
        try decodeLines(lines, as: CorpusDocument.self, what: "corpus")
    }

    /// Parses BEIR `queries.jsonl` lines (`_id`, `text`).
    public static func readQueries(lines: some Sequence<String>) throws(SearchError) -> [Query] {
        try decodeLines(lines, as: Query.self, what: "queries")
    }

    /// Parses a BEIR qrels TSV (`query-id corpus-id score`, header line first).
    public static func readQrels(lines: some Sequence<String>) throws(SearchError) -> Qrels {
        var qrels: Qrels = [:]
        var first = true
        var lineNumber = 0
        for line in lines {
            lineNumber += 1
            let fields = line.split(whereSeparator: { $0 == "\t" || $0 == " " || $0 == "\r" })
            if fields.isEmpty { continue }
            if first {
                first = false
                if fields[0] == "query-id" { continue }
            }
            guard fields.count >= 3, let score = Int(fields[2]) else {
                throw SearchError(.invalidArgument, "qrels line \(lineNumber) is not 'query-id corpus-id score': \(line)")
            }
            qrels[String(fields[0]), default: [:]][String(fields[1])] = score
        }
        return qrels
    }

    static func decodeLines<T: Decodable>(_ lines: some Sequence<String>, as: T.Type, what: String)
        throws(SearchError) -> [T]
    {
        let decoder = JSONDecoder()
        var out: [T] = []
        var n = 0
        for line in lines {
            n += 1
            if line.allSatisfy(\.isWhitespace) { continue }
            do {
                out.append(try decoder.decode(T.self, from: Data(line.utf8)))
            } catch {
                throw SearchError(.invalidArgument, "\(what) line \(n) is not valid BEIR JSON", cause: "\(error)")
            }
        }
        return out
    }
}

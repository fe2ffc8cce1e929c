import Foundation
import GRDB
import PaperboySearch

/// The SQLite FTS5 baseline: a contentless FTS5 table (title, abstract) with
/// `tokenize='porter unicode61 remove_diacritics 2'`, queried as `MATCH "w1" OR "w2" … ORDER BY bm25(docs, wt, wa)
/// LIMIT k` — BM25 over the disjunction of the query words, the same semantics as Paperboy's free text.
public final class FTS5Engine {
    let queue: DatabaseQueue
    let path: String
    var ids: [String] = []
    let titleWeight: Double
    let abstractWeight: Double

    /// Creates an empty database file at `path` (replacing any file there).
    public init(path: String, titleWeight: Double, abstractWeight: Double) throws {
        try? FileManager.default.removeItem(atPath: path)
        self.path = path
        self.titleWeight = titleWeight
        self.abstractWeight = abstractWeight
        queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: """
                CREATE VIRTUAL TABLE docs USING fts5(title, abstract, content='',
                    tokenize='porter unicode61 remove_diacritics 2')
                """)
        }
    }

    /// Inserts all documents in one transaction with a reused statement, then runs FTS5 'optimize'.
    public func build(_ documents: [SearchDocument]) throws {
        ids = documents.map(\.id)
        try queue.write { db in
            let insert = try db.makeStatement(sql: "INSERT INTO docs(rowid, title, abstract) VALUES (?, ?, ?)")
            for (i, d) in documents.enumerated() {
                try insert.execute(arguments: [Int64(i), d.title, d.abstract])
            }
            try db.execute(sql: "INSERT INTO docs(docs) VALUES('optimize')")
        }
    }

    /// Database file size in bytes.
    public var byteCount: Int {
        ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? Int) ?? 0
    }

    /// The MATCH expression for free text: each word quoted, joined by OR.
    public static func matchExpression(_ text: String) -> String {
        var words: [String] = []
        var current = ""
        for ch in text {
            if ch.isLetter || ch.isNumber {
                current.append(ch)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words.map { "\"\($0)\"" }.joined(separator: " OR ")
    }

    /// Runs `body` with a query function (text → ids) on one connection, so per-query timings exclude queueing.
    public func withSearcher<T>(limit: Int = 10, _ body: (_ search: (String) throws -> [String]) throws -> T) throws -> T {
        try queue.inDatabase { db in
            let statement = try db.makeStatement(
                sql: "SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY bm25(docs, \(titleWeight), \(abstractWeight)) LIMIT \(limit)")
            return try body { text in
                let expression = Self.matchExpression(text)
                if expression.isEmpty { return [] }
                let rows = try Int64.fetchAll(statement, arguments: [expression])
                return rows.map { self.ids[Int($0)] }
            }
        }
    }
}

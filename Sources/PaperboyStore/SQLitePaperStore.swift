import Foundation
import GRDB
import PaperboyCore

/// The product's ``PaperStore`` on a ``SQLiteDatabase``: papers, daily entries, feeds, the change stream.
public struct SQLitePaperStore: PaperStore, SQLiteAggregate {
    let database: SQLiteDatabase

    /// Papers of `database` (which shares its writer with the other SQLite stores of the same file).
    public init(database: SQLiteDatabase) {
        self.database = database
    }

    /// Opens (creating and migrating if needed) the database at `path`.
    public init(path: String) throws {
        self.init(database: try SQLiteDatabase(path: path))
    }

    public func apply(_ batch: ImportBatch) async throws -> ImportCounts {
        try await storage("import a batch") {
            try await writer.write { db in try Self.apply(batch, in: db) }
        }
    }

    public func paper(_ id: PaperID) async throws -> PaperDetail? {
        try await storage("read paper \(id)") {
            try await writer.read { db -> PaperDetail? in
                guard let row = try Row.fetchOne(db, sql: "SELECT * FROM papers WHERE id = ?", arguments: [id.rawValue])
                else { return nil }
                let paper = try PaperRow.paper(from: row)
                let entries = try Row.fetchAll(db, sql: """
                    SELECT * FROM daily_entries WHERE paper_id = ? ORDER BY day DESC
                    """, arguments: [id.rawValue]).map(PaperRow.entry(from:))
                return PaperDetail(paper: paper, upvotes: PaperRow.upvotes(row), comments: PaperRow.comments(row),
                                   entries: entries)
            }
        }
    }

    public func feed(_ query: FeedQuery) async throws -> FeedPage {
        try await storage("read a feed") {
            try await writer.read { db in try SQLiteFeedQuery(query).run(db) }
        }
    }

    public func dayBounds() async throws -> ClosedRange<Day>? {
        try await storage("read day bounds") {
            try await writer.read { db -> ClosedRange<Day>? in
                guard let row = try Row.fetchOne(db, sql: "SELECT min(day) AS lo, max(day) AS hi FROM daily_entries"),
                      let lo: String = row["lo"], let hi: String = row["hi"] else { return nil }
                return try Day(parsing: lo)...Day(parsing: hi)
            }
        }
    }

    public func neighbours(of day: Day) async throws -> (previous: Day?, next: Day?) {
        try await storage("read neighbouring days") {
            try await writer.read { db -> (previous: Day?, next: Day?) in
                let prev = try String.fetchOne(db, sql: "SELECT max(day) FROM daily_entries WHERE day < ?",
                                               arguments: [day.description])
                let next = try String.fetchOne(db, sql: "SELECT min(day) FROM daily_entries WHERE day > ?",
                                               arguments: [day.description])
                return (try prev.map { try Day(parsing: $0) }, try next.map { try Day(parsing: $0) })
            }
        }
    }

    public func stats() async throws -> StoreStats {
        try await storage("read stats") {
            try await writer.read { db -> StoreStats in
                let papers = try Int.fetchOne(db, sql: "SELECT count(*) FROM papers") ?? 0
                let row = try Row.fetchOne(db, sql: """
                    SELECT count(*) AS n, count(DISTINCT day) AS d, min(day) AS lo, max(day) AS hi FROM daily_entries
                    """)
                let lo: String? = row?["lo"]
                let hi: String? = row?["hi"]
                return StoreStats(papers: papers, dailyEntries: row?["n"] ?? 0, days: row?["d"] ?? 0,
                                  firstDay: try lo.map { try Day(parsing: $0) },
                                  lastDay: try hi.map { try Day(parsing: $0) })
            }
        }
    }

    public func papers(after afterID: PaperID?, limit: Int) async throws -> [Paper] {
        try await storage("read papers") {
            try await writer.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM papers WHERE id > ? ORDER BY id LIMIT ?",
                                 arguments: [afterID?.rawValue ?? "", limit]).map(PaperRow.paper(from:))
            }
        }
    }

    public func details(_ ids: [PaperID]) async throws -> [PaperDetail] {
        guard !ids.isEmpty else { return [] }
        return try await storage("read papers") {
            try await writer.read { db -> [PaperDetail] in
                let placeholders = Array(repeating: "?", count: ids.count).joined(separator: ",")
                let raw = ids.map(\.rawValue)
                var byID: [String: PaperDetail] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT * FROM papers WHERE id IN (\(placeholders))",
                                            arguments: StatementArguments(raw)) {
                    let paper = try PaperRow.paper(from: row)
                    byID[paper.id.rawValue] = PaperDetail(paper: paper, upvotes: PaperRow.upvotes(row),
                                                          comments: PaperRow.comments(row), entries: [])
                }
                for row in try Row.fetchAll(db, sql: """
                    SELECT * FROM daily_entries WHERE paper_id IN (\(placeholders)) ORDER BY day DESC
                    """, arguments: StatementArguments(raw)) {
                    let entry = try PaperRow.entry(from: row)
                    byID[entry.paperID.rawValue]?.entries.append(entry)
                }
                return raw.compactMap { byID[$0] }
            }
        }
    }

    public func changes(after cursor: ChangeCursor?, limit: Int) async throws -> [ChangeRecord] {
        try await storage("read changed papers") {
            try await writer.read { db in
                let rows = try Row.fetchAll(db, sql: """
                    SELECT c.position AS change_position, c.paper_id AS change_id, p.*,
                           (SELECT min(day) FROM daily_entries e WHERE e.paper_id = p.id) AS first_day
                    FROM paper_changes c LEFT JOIN papers p ON p.id = c.paper_id
                    WHERE c.position > ? ORDER BY c.position LIMIT ?
                    """, arguments: [cursor?.position ?? 0, limit])
                return try rows.map { row -> ChangeRecord in
                    let id = PaperID(unchecked: row["change_id"])
                    let cursor = ChangeCursor(position: row["change_position"])
                    guard (row["id"] as String?) != nil else {
                        return ChangeRecord(id: id, paper: nil, upvotes: 0, firstFeatured: nil, cursor: cursor)
                    }
                    let first: String? = row["first_day"]
                    return ChangeRecord(id: id, paper: try PaperRow.paper(from: row), upvotes: PaperRow.upvotes(row),
                                        firstFeatured: try first.map { try Day(parsing: $0) }, cursor: cursor)
                }
            }
        }
    }

    public func feedHead() async throws -> ChangeCursor? {
        try await storage("read the change feed's head") {
            try await writer.read { db in
                try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'paper_changes'")
                    .flatMap { $0 > 0 ? ChangeCursor(position: $0) : nil }
            }
        }
    }

    public func remove(_ ids: [PaperID]) async throws -> Int {
        guard !ids.isEmpty else { return 0 }
        return try await storage("remove papers") {
            try await writer.write { db -> Int in
                let placeholders = Array(repeating: "?", count: ids.count).joined(separator: ",")
                try db.execute(sql: "DELETE FROM papers WHERE id IN (\(placeholders))",
                               arguments: StatementArguments(ids.map(\.rawValue)))
                return db.changesCount
            }
        }
    }
}

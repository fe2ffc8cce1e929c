import Foundation
import PaperboyCore
import PaperboyStore
import PostgresNIO

/// ``PaperStore`` on a ``PostgresDatabase``: papers, daily entries, feeds and the commit-ordered change feed.
/// Reads that take several statements run in one REPEATABLE READ snapshot; writes are single transactions.
public struct PostgresPaperStore: PaperStore {
    let database: PostgresDatabase

    public init(database: PostgresDatabase) {
        self.database = database
    }

    public func apply(_ batch: ImportBatch) async throws -> ImportCounts {
        try await database.transaction("import a batch") { s in try await Self.apply(batch, in: s) }
    }

    public func paper(_ id: PaperID) async throws -> PaperDetail? {
        try await database.read("read paper \(id)") { s -> PaperDetail? in
            guard let row = try await s.first("SELECT * FROM papers WHERE id = \(id.rawValue)") else { return nil }
            let entries = try await s.rows("SELECT * FROM daily_entries WHERE paper_id = \(id.rawValue) ORDER BY day DESC")
                .map(PostgresPaperRow.entry(from:))
            return PaperDetail(paper: try PostgresPaperRow.paper(from: row), upvotes: try PostgresPaperRow.upvotes(row),
                               comments: try PostgresPaperRow.comments(row), entries: entries)
        }
    }

    public func feed(_ query: FeedQuery) async throws -> FeedPage {
        try await database.read("read a feed") { s in try await PostgresFeedQuery(query).run(s) }
    }

    public func dayBounds() async throws -> ClosedRange<Day>? {
        try await database.session("read day bounds") { s -> ClosedRange<Day>? in
            guard let row = try await s.first("SELECT min(day) AS lo, max(day) AS hi FROM daily_entries"),
                  let lo = try row.get("lo", as: String?.self), let hi = try row.get("hi", as: String?.self)
            else { return nil }
            return try Day(parsing: lo)...Day(parsing: hi)
        }
    }

    public func neighbours(of day: Day) async throws -> (previous: Day?, next: Day?) {
        let (previous, next) = try await database.session("read neighbouring days") { s -> (String?, String?) in
            guard let row = try await s.first("""
                SELECT (SELECT max(day) FROM daily_entries WHERE day < \(day.description)) AS prev,
                       (SELECT min(day) FROM daily_entries WHERE day > \(day.description)) AS next
                """) else { return (nil, nil) }
            return (try row.get("prev"), try row.get("next"))
        }
        return (try previous.map { try Day(parsing: $0) }, try next.map { try Day(parsing: $0) })
    }

    public func stats() async throws -> StoreStats {
        try await database.session("read stats") { s -> StoreStats in
            guard let row = try await s.first("""
                SELECT (SELECT count(*) FROM papers) AS papers, count(*) AS n, count(DISTINCT day) AS d,
                       min(day) AS lo, max(day) AS hi FROM daily_entries
                """) else { return StoreStats(papers: 0, dailyEntries: 0, days: 0, firstDay: nil, lastDay: nil) }
            return StoreStats(papers: try row.get("papers", as: Int.self), dailyEntries: try row.get("n", as: Int.self),
                              days: try row.get("d", as: Int.self),
                              firstDay: try (try row.get("lo", as: String?.self)).map { try Day(parsing: $0) },
                              lastDay: try (try row.get("hi", as: String?.self)).map { try Day(parsing: $0) })
        }
    }

    public func papers(after afterID: PaperID?, limit: Int) async throws -> [Paper] {
        try await database.session("read papers") { s in
            try await s.rows("""
                SELECT * FROM papers WHERE id > \(afterID?.rawValue ?? "") ORDER BY id LIMIT \(max(0, limit))
                """).map(PostgresPaperRow.paper(from:))
        }
    }

    public func details(_ ids: [PaperID]) async throws -> [PaperDetail] {
        guard !ids.isEmpty else { return [] }
        let raw = ids.map(\.rawValue)
        return try await database.read("read papers") { s -> [PaperDetail] in
            var byID: [String: PaperDetail] = [:]
            for row in try await s.rows("SELECT * FROM papers WHERE id = ANY(\(raw))") {
                let paper = try PostgresPaperRow.paper(from: row)
                byID[paper.id.rawValue] = PaperDetail(paper: paper, upvotes: try PostgresPaperRow.upvotes(row),
                                                      comments: try PostgresPaperRow.comments(row), entries: [])
            }
            for row in try await s.rows("SELECT * FROM daily_entries WHERE paper_id = ANY(\(raw)) ORDER BY day DESC") {
                let entry = try PostgresPaperRow.entry(from: row)
                byID[entry.paperID.rawValue]?.entries.append(entry)
            }
            return raw.compactMap { byID[$0] }
        }
    }

    public func changes(after cursor: ChangeCursor?, limit: Int) async throws -> [ChangeRecord] {
        try await database.session("read changed papers") { s in
            try await s.rows("""
                SELECT c.position AS change_position, c.paper_id AS change_id, p.*,
                       (SELECT min(day) FROM daily_entries e WHERE e.paper_id = p.id) AS first_day
                FROM paper_changes c LEFT JOIN papers p ON p.id = c.paper_id
                WHERE c.position > \(cursor?.position ?? 0) ORDER BY c.position LIMIT \(max(0, limit))
                """).map { row -> ChangeRecord in
                let id = PaperID(unchecked: try row.get("change_id"))
                let cursor = ChangeCursor(position: try row.get("change_position"))
                guard try row.get("id", as: String?.self) != nil else {
                    return ChangeRecord(id: id, paper: nil, upvotes: 0, firstFeatured: nil, cursor: cursor)
                }
                return ChangeRecord(id: id, paper: try PostgresPaperRow.paper(from: row),
                                    upvotes: try PostgresPaperRow.upvotes(row),
                                    firstFeatured: try (try row.get("first_day", as: String?.self)).map { try Day(parsing: $0) },
                                    cursor: cursor)
            }
        }
    }

    public func feedHead() async throws -> ChangeCursor? {
        try await database.session("read the change feed's head") { s in
            try await s.value(Int64.self, "SELECT max(position) FROM paper_changes").map(ChangeCursor.init(position:))
        }
    }

    public func remove(_ ids: [PaperID]) async throws -> Int {
        guard !ids.isEmpty else { return 0 }
        let raw = ids.map(\.rawValue)
        return try await database.transaction("remove papers") { s in
            try await s.execute("DELETE FROM papers WHERE id = ANY(\(raw)) RETURNING id")
        }
    }
}

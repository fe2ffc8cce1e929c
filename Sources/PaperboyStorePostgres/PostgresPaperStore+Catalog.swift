import Foundation
import PaperboyCore
import PaperboyStore
import PostgresNIO

/// Organisations and whole-catalog keyset paging on PostgreSQL, with SQLite's semantics (migration 9's indexes).
extension PostgresPaperStore {
    /// The indexed expression an organisation is looked up by (columns of `table`, e.g. `p.`); queries must spell
    /// it like the index does for the planner to use it.
    static func organizationNameSQL(_ table: String = "") -> String {
        "((\(table)organization_json::jsonb) ->> 'name')"
    }

    public func organization(named name: String) async throws -> Organization? {
        try await database.session("read organisation \(name.prefix(64))") { s -> Organization? in
            var binds = PostgresBindings()
            binds.append(name)
            guard let json = try await s.value(String.self, PostgresQuery(unsafeSQL: """
                SELECT organization_json FROM papers WHERE \(Self.organizationNameSQL()) = $1
                ORDER BY published_at DESC NULLS LAST, id DESC LIMIT 1
                """, binds: binds)) else { return nil }
            return try JSONDecoder().decode(Organization.self, from: Data(json.utf8))
        }
    }

    /// As on SQLite: the dated papers strictly before the cursor by `(published_at, id)` (an index range scan),
    /// then the undated ones by id, in one snapshot.
    public func latestPapers(after cursor: CatalogCursor?, limit: Int) async throws -> [PaperDetail] {
        let limit = max(0, limit)
        guard limit > 0 else { return [] }
        return try await database.read("read the catalog") { s -> [PaperDetail] in
            var rows: [PostgresRandomAccessRow] = []
            if let cursor, let time = cursor.publishedAt {
                rows = try await s.rows("""
                    SELECT * FROM papers WHERE published_at IS NOT NULL
                      AND (published_at, id) < (\(time.timeIntervalSince1970), \(cursor.id.rawValue))
                    ORDER BY published_at DESC, id DESC LIMIT \(limit)
                    """)
            } else if cursor == nil {
                rows = try await s.rows("""
                    SELECT * FROM papers WHERE published_at IS NOT NULL ORDER BY published_at DESC, id DESC LIMIT \(limit)
                    """)
            }
            if rows.count < limit {
                let rest = limit - rows.count
                if let cursor, cursor.publishedAt == nil {
                    rows += try await s.rows("""
                        SELECT * FROM papers WHERE published_at IS NULL AND id < \(cursor.id.rawValue)
                        ORDER BY id DESC LIMIT \(rest)
                        """)
                } else {
                    rows += try await s.rows("SELECT * FROM papers WHERE published_at IS NULL ORDER BY id DESC LIMIT \(rest)")
                }
            }
            var details: [PaperDetail] = []
            for row in rows {
                details.append(PaperDetail(paper: try PostgresPaperRow.paper(from: row),
                                           upvotes: try PostgresPaperRow.upvotes(row),
                                           comments: try PostgresPaperRow.comments(row), entries: []))
            }
            guard !details.isEmpty else { return [] }
            let ids = details.map(\.paper.id.rawValue)
            let slot = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
            for row in try await s.rows("SELECT * FROM daily_entries WHERE paper_id = ANY(\(ids)) ORDER BY day DESC") {
                let entry = try PostgresPaperRow.entry(from: row)
                if let i = slot[entry.paperID.rawValue] { details[i].entries.append(entry) }
            }
            return details
        }
    }
}

import Foundation
import GRDB
import PaperboyCore

/// Organisations and whole-catalog keyset paging on SQLite (indexes: `catalog-v1-organization-and-catalog-order`).
extension SQLitePaperStore {
    /// The indexed expression an organisation is looked up by (columns of `table`, e.g. `p.`); queries must spell
    /// it like the index does for SQLite to use it.
    static func organizationNameSQL(_ table: String = "") -> String {
        "json_extract(\(table)organization_json, '$.name')"
    }

    public func organization(named name: String) async throws -> Organization? {
        try await read("read organisation \(name.prefix(64))") { db -> Organization? in
            guard let json = try String.fetchOne(db, sql: """
                SELECT organization_json FROM papers WHERE \(Self.organizationNameSQL()) = ?
                ORDER BY published_at DESC, id DESC LIMIT 1
                """, arguments: [name]) else { return nil }
            return try JSONDecoder().decode(Organization.self, from: Data(json.utf8))
        }
    }

    /// Two index range scans in one read: the dated papers strictly before the cursor by `(published_at, id)`,
    /// then (SQLite sorts NULL last in a descending order, and a row-value comparison with NULL is never true)
    /// the undated ones by id.
    public func latestPapers(after cursor: CatalogCursor?, limit: Int) async throws -> [PaperDetail] {
        let limit = max(0, limit)
        guard limit > 0 else { return [] }
        return try await read("read the catalog") { db -> [PaperDetail] in
            var rows: [Row] = []
            if cursor == nil || cursor?.publishedAt != nil {
                let after = cursor.map { c -> (Double, String) in (c.publishedAt!.timeIntervalSince1970, c.id.rawValue) }
                rows = try Row.fetchAll(db, sql: """
                    SELECT * FROM papers WHERE published_at IS NOT NULL \(after == nil ? "" : "AND (published_at, id) < (?, ?)")
                    ORDER BY published_at DESC, id DESC LIMIT ?
                    """, arguments: after.map { [$0.0, $0.1, limit] } ?? [limit])
            }
            if rows.count < limit {
                let afterID = cursor?.publishedAt == nil ? cursor?.id.rawValue : nil
                rows += try Row.fetchAll(db, sql: """
                    SELECT * FROM papers WHERE published_at IS NULL \(afterID == nil ? "" : "AND id < ?")
                    ORDER BY id DESC LIMIT ?
                    """, arguments: afterID.map { [$0, limit - rows.count] } ?? [limit - rows.count])
            }
            var details = try rows.map { row in
                PaperDetail(paper: try PaperRow.paper(from: row), upvotes: PaperRow.upvotes(row),
                            comments: PaperRow.comments(row), entries: [])
            }
            guard !details.isEmpty else { return [] }
            let slot = Dictionary(uniqueKeysWithValues: details.enumerated().map { ($1.paper.id.rawValue, $0) })
            let placeholders = Array(repeating: "?", count: details.count).joined(separator: ",")
            for row in try Row.fetchAll(db, sql: """
                SELECT * FROM daily_entries WHERE paper_id IN (\(placeholders)) ORDER BY day DESC
                """, arguments: StatementArguments(details.map(\.paper.id.rawValue))) {
                let entry = try PaperRow.entry(from: row)
                if let i = slot[entry.paperID.rawValue] { details[i].entries.append(entry) }
            }
            return details
        }
    }
}

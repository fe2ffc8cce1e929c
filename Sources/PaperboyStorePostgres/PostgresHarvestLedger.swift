import Foundation
import PaperboyCore
import PaperboyStore
import PostgresNIO

/// ``HarvestLedger`` on a ``PostgresDatabase``: `harvest_positions`, written in the same transaction as the page of
/// papers (merged by the paper store's import code).
public struct PostgresHarvestLedger: HarvestLedger {
    let database: PostgresDatabase

    public init(database: PostgresDatabase) {
        self.database = database
    }

    public func harvestPosition(_ key: String) async throws -> HarvestPosition? {
        try await database.session("read harvest position \(key)") { s -> HarvestPosition? in
            guard let row = try await s.first("SELECT * FROM harvest_positions WHERE key = \(key)") else { return nil }
            return HarvestPosition(resumptionToken: try row.get("resumption_token"), cursor: try row.get("cursor", as: Int.self),
                                   pages: try row.get("pages", as: Int.self), records: try row.get("records", as: Int.self),
                                   completed: try row.get("completed"))
        }
    }

    public func apply(_ batch: ImportBatch, recording position: HarvestPosition, for key: String) async throws -> ImportCounts {
        try await database.transaction("store a harvested page") { s -> ImportCounts in
            let counts = try await PostgresPaperStore.apply(batch, in: s)
            try await s.execute("""
                INSERT INTO harvest_positions (key, resumption_token, cursor, pages, records, completed, updated_at)
                VALUES (\(key), \(position.completed ? nil : position.resumptionToken), \(position.cursor), \(position.pages),
                        \(position.records), \(position.completed), \(unescaped: PostgresSchema.nowSQL))
                ON CONFLICT (key) DO UPDATE SET
                    resumption_token = excluded.resumption_token, cursor = excluded.cursor, pages = excluded.pages,
                    records = excluded.records, completed = excluded.completed, updated_at = excluded.updated_at
                """)
            return counts
        }
    }

    public func resetHarvest(_ key: String) async throws {
        try await database.session("reset harvest position \(key)") { s in
            try await s.execute("DELETE FROM harvest_positions WHERE key = \(key)")
        }
    }
}

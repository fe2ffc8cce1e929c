import Foundation
import GRDB
import PaperboyCore

/// The product's ``HarvestLedger`` on a ``SQLiteDatabase``: `harvest_positions`, written in the same
/// transaction as the page of papers (merged by the paper store's import code).
public struct SQLiteHarvestLedger: HarvestLedger, SQLiteAggregate {
    let database: SQLiteDatabase

    public init(database: SQLiteDatabase) {
        self.database = database
    }

    public func harvestPosition(_ key: String) async throws -> HarvestPosition? {
        try await storage("read harvest position \(key)") {
            try await writer.read { db -> HarvestPosition? in
                guard let row = try Row.fetchOne(db, sql: "SELECT * FROM harvest_positions WHERE key = ?", arguments: [key])
                else { return nil }
                return HarvestPosition(resumptionToken: row["resumption_token"], cursor: row["cursor"], pages: row["pages"],
                                       records: row["records"], completed: (row["completed"] as Int) == 1)
            }
        }
    }

    public func apply(_ batch: ImportBatch, recording position: HarvestPosition, for key: String) async throws -> ImportCounts {
        try await storage("store a harvested page") {
            try await writer.write { db -> ImportCounts in
                let counts = try SQLitePaperStore.apply(batch, in: db)
                try db.execute(sql: """
                    INSERT INTO harvest_positions (key, resumption_token, cursor, pages, records, completed, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, (julianday('now') - 2440587.5) * 86400.0)
                    ON CONFLICT (key) DO UPDATE SET
                        resumption_token = excluded.resumption_token, cursor = excluded.cursor, pages = excluded.pages,
                        records = excluded.records, completed = excluded.completed, updated_at = excluded.updated_at
                    """, arguments: [key, position.completed ? nil : position.resumptionToken, position.cursor,
                                     position.pages, position.records, position.completed ? 1 : 0])
                return counts
            }
        }
    }

    public func resetHarvest(_ key: String) async throws {
        try await storage("reset harvest position \(key)") {
            try await writer.write { db in try db.execute(sql: "DELETE FROM harvest_positions WHERE key = ?", arguments: [key]) }
        }
    }
}

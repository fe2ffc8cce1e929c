import Foundation
import GRDB
import PaperboyCore
import Testing
@testable import PaperboyStore

/// What only the SQLite backend promises: its pragmas and the schema's own checks.
@Suite("SQLite database")
struct SQLiteDatabaseTests {
    @Test func sqliteEnforcesItsInvariants() throws {
        let dir = TempDir.make()
        let store = try SQLiteDatabase(path: dir.appendingPathComponent("db.sqlite").path)
        let (mode, foreignKeys) = try store.writer.read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA foreign_keys"))
        }
        #expect(mode == "wal")
        #expect(foreignKeys == 1)
        #expect(throws: (any Error).self) {
            try store.writer.write { db in
                try db.execute(sql: "INSERT INTO papers (id, title, source, imported_upvotes) VALUES ('x', 't', 's', -1)")
            }
        }
        #expect(throws: (any Error).self) {
            try store.writer.write { db in
                try db.execute(sql: "INSERT INTO daily_entries (day, paper_id, position) VALUES ('2024-01-01', 'missing', 0)")
            }
        }
        // Re-opening migrates nothing twice.
        _ = try SQLiteDatabase(path: dir.appendingPathComponent("db.sqlite").path)
    }
}

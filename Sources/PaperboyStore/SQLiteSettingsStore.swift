import Foundation
import GRDB
import PaperboyCore

/// The product's ``SettingsStore`` on a ``SQLiteDatabase`` (table `app_settings`).
public struct SQLiteSettingsStore: SettingsStore, SQLiteAggregate {
    let database: SQLiteDatabase

    public init(database: SQLiteDatabase) {
        self.database = database
    }

    public func setting(_ key: String, default value: String) async throws -> String {
        try await storage("read setting \(key)") {
            try await writer.write { db in
                try db.execute(sql: "INSERT OR IGNORE INTO app_settings (key, value) VALUES (?, ?)", arguments: [key, value])
                return try String.fetchOne(db, sql: "SELECT value FROM app_settings WHERE key = ?", arguments: [key]) ?? value
            }
        }
    }
}

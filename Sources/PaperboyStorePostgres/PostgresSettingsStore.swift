import Foundation
import PaperboyCore
import PaperboyStore
import PostgresNIO

/// ``SettingsStore`` on a ``PostgresDatabase`` (table `app_settings`): insert-if-absent, then read back. The read is
/// a new statement (READ COMMITTED), so when two first starts race, both read the winner's value.
public struct PostgresSettingsStore: SettingsStore {
    let database: PostgresDatabase

    public init(database: PostgresDatabase) {
        self.database = database
    }

    public func setting(_ key: String, default value: String) async throws -> String {
        try await database.session("read setting \(key)") { s in
            try await s.execute("INSERT INTO app_settings (key, value) VALUES (\(key), \(value)) ON CONFLICT (key) DO NOTHING")
            return try await s.value(String.self, "SELECT value FROM app_settings WHERE key = \(key)") ?? value
        }
    }
}

import Foundation
import GRDB
import PaperboyCore

/// One SQLite database shared by every SQLite store of a ``Stores`` bundle: a GRDB `DatabasePool` (WAL,
/// foreign keys on, `synchronous=NORMAL`, 10 s busy timeout) migrated by ``SQLiteSchema/migrator`` when opened.
///
/// Readers run concurrently on the pool; writes are serialised by SQLite.
public struct SQLiteDatabase: Sendable {
    /// The GRDB writer every SQLite store of this database shares.
    public let writer: any DatabaseWriter

    /// Opens (creating if needed) the database at `path` and migrates it.
    public init(path: String) throws {
        do {
            var config = Configuration()
            config.foreignKeysEnabled = true
            config.busyMode = .timeout(10)
            config.prepareDatabase { db in
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
            let pool = try DatabasePool(path: path, configuration: config)
            try self.init(writer: pool)
        } catch let error as PaperboyError {
            throw error
        } catch {
            throw PaperboyError(.storage, "Cannot open the database at \(path).", cause: error)
        }
    }

    /// Wraps an existing GRDB writer (a `DatabaseQueue` in tests) and migrates it.
    public init(writer: any DatabaseWriter) throws {
        self.writer = writer
        do {
            try SQLiteSchema.migrator.migrate(writer)
        } catch {
            throw PaperboyError(.storage, "Cannot migrate the database.", cause: error)
        }
    }
}

extension SQLiteDatabase {
    /// The migrations the database at `path` has and the ones this build knows, without migrating it
    /// (`paperboy db status`). A missing file has none applied.
    public static func migrationStatus(path: String) throws -> (applied: [String], known: [String]) {
        let known = SQLiteSchema.migrator.migrations
        guard FileManager.default.fileExists(atPath: path) else { return ([], known) }
        do {
            var config = Configuration()
            config.readonly = true
            let queue = try DatabaseQueue(path: path, configuration: config)
            let applied = try queue.read { db in try SQLiteSchema.migrator.appliedIdentifiers(db) }
            return (known.filter(applied.contains), known)
        } catch {
            throw PaperboyError(.storage, "Cannot read the migrations of \(path).", cause: error)
        }
    }
}

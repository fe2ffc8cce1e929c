import Foundation
import PaperboyCore
import PostgresNIO

/// One numbered schema migration: statements run in order, in one transaction with the others of the run, then
/// `data` (a data step SQL alone cannot do, e.g. one that needs a Swift hash), in the same transaction.
struct PostgresMigration: Sendable {
    let version: Int
    let name: String
    let statements: [String]
    var data: (@Sendable (PostgresSession) async throws -> Void)? = nil
}

/// Applies ``PostgresSchema/migrations`` that a database lacks, exactly once even when several instances start
/// at once on an empty database: the whole run is one transaction that first takes
/// `pg_advisory_xact_lock(migrate key)`, then reads `schema_migrations`. A second instance waits on the lock and,
/// once the first commits, finds every version applied. DDL is transactional in PostgreSQL, so a failed run leaves
/// nothing behind and the lock goes with the transaction (a session lock on a pooled connection could outlive a
/// failure).
struct PostgresMigrator {
    let database: PostgresDatabase

    /// The advisory lock key of migrations (`'paperboy'` in ASCII, with the low byte 1).
    static let lockKey: Int64 = 0x7061_7065_7262_6f01

    func migrate() async throws {
        try await database.transaction("migrate the PostgreSQL schema") { session in
            try await session.execute("SELECT pg_advisory_xact_lock(\(Self.lockKey))")
            try await session.execute("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version integer PRIMARY KEY,
                    name text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """)
            let applied = Set(try await session.rows("SELECT version FROM schema_migrations").map { try $0.get("version", as: Int.self) })
            for migration in PostgresSchema.migrations where !applied.contains(migration.version) {
                for statement in migration.statements {
                    try await session.execute(PostgresQuery(unsafeSQL: statement))
                }
                try await migration.data?(session)
                try await session.execute("""
                    INSERT INTO schema_migrations (version, name) VALUES (\(migration.version), \(migration.name))
                    """)
            }
        }
    }

    /// The versions applied so far, ascending (empty for an empty database).
    func appliedVersions() async throws -> [Int] {
        try await database.session("read the schema version") { session in
            guard try await session.value(Bool.self, "SELECT to_regclass('schema_migrations') IS NOT NULL") == true else {
                return []
            }
            return try await session.rows("SELECT version FROM schema_migrations ORDER BY version")
                .map { try $0.get("version", as: Int.self) }
        }
    }
}

extension PostgresDatabase {
    /// The schema versions applied to this database, ascending (for `paperboy db status` and tests).
    public func appliedMigrations() async throws -> [Int] {
        try await PostgresMigrator(database: self).appliedVersions()
    }

    /// The newest schema version this build knows.
    public static var latestMigration: Int { PostgresSchema.migrations.map(\.version).max() ?? 0 }
}

import ArgumentParser
import Foundation
import Logging
import PaperboyConfig
import PaperboyCore
import PaperboyStore
import PaperboyStorePostgres
import PaperboyWeb

/// `paperboy db migrate|status|copy`: operations on the database itself.
struct Db: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Migrate a database, show its schema state, or copy an SQLite database into PostgreSQL.",
        subcommands: [Migrate.self, Status.self, Copy.self])

    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply the schema migrations the database lacks (PostgreSQL: exactly once under an advisory lock).")

        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let database = try await db.open()
            print("\(database.kind.rawValue) \(database.location): migrated (\(try await Db.describe(database)))")
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show which schema migrations are applied and which are pending, without applying any.")

        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let path = try db.path
            if AppConfiguration.isPostgres(path) {
                let database = PostgresDatabase(url: try PostgresURL(path), maximumConnections: 2, connectTimeout: .seconds(10),
                                                logger: Db.quietLogger)
                try await database.checkReachable()
                _ = await database.startPool()
                let applied = try await database.appliedMigrations()
                let latest = PostgresDatabase.latestMigration
                let pending = (1...max(1, latest)).filter { !applied.contains($0) }
                print("postgres \(database.url): schema version \(applied.max() ?? 0) of \(latest)"
                      + (pending.isEmpty ? ", up to date" : "; pending: \(pending.map(String.init).joined(separator: ", "))"))
                if !pending.isEmpty { throw ExitCode(2) }
            } else {
                let (applied, known) = try SQLiteDatabase.migrationStatus(path: path)
                let pending = known.filter { !applied.contains($0) }
                print("sqlite \(path): \(applied.count) of \(known.count) migrations applied"
                      + (pending.isEmpty ? ", up to date" : "; pending: \(pending.joined(separator: ", "))"))
                if !pending.isEmpty { throw ExitCode(2) }
            }
        }
    }

    struct Copy: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy everything in an SQLite database into a PostgreSQL database (idempotent; counts verified).",
            discussion: """
                Papers, daily entries, users, tokens, sessions, votes, comments, collections, claims, follows, \
                subscribers, the digest ledger, the outbox, settings, harvest positions and embeddings. Rows the \
                target already has are kept as they are, so running it again copies nothing. Exits 1 when a table \
                of the target ends with fewer rows than the source's.
                """)

        @Option(help: ArgumentHelp("The SQLite database to copy.", valueName: "path"))
        var from: String

        @Option(help: ArgumentHelp("The PostgreSQL database to fill (migrated first).", valueName: "postgres://…"))
        var to: String

        @Option(help: "Rows per transaction.")
        var batch = 500

        func validate() throws {
            guard !AppConfiguration.isPostgres(from) else { throw ValidationError("--from must be an SQLite file.") }
            guard AppConfiguration.isPostgres(to) else { throw ValidationError("--to must be a postgres:// URL.") }
            guard (1...5_000).contains(batch) else { throw ValidationError("--batch must be between 1 and 5000.") }
        }

        func run() async throws {
            guard FileManager.default.fileExists(atPath: from) else { throw ValidationError("No SQLite database at \(from).") }
            let source = try SQLiteDatabase(path: from)
            let (target, _) = try await PostgresDatabase.open(url: to, maximumConnections: 4, logger: Db.quietLogger)
            let started = Date()
            let terminal = isatty(STDERR_FILENO) == 1
            let reports = try await SQLiteToPostgresCopy(source: source, target: target, batchSize: batch).run { table, done, total in
                let line = "copy: \(table) \(done)/\(total)"
                if terminal {
                    FileHandle.standardError.write(Data("\r\(line)\u{1B}[K".utf8))
                } else if done == total || done % (batch * 20) == 0 {
                    FileHandle.standardError.write(Data((line + "\n").utf8))
                }
            }
            if terminal { FileHandle.standardError.write(Data("\n".utf8)) }
            var failed: [String] = []
            for r in reports {
                print("\(r.table.padding(toLength: 18, withPad: " ", startingAt: 0)) source \(r.source), copied \(r.copied), "
                      + "target \(r.target) \(r.verified ? "✓" : "✗")")
                if !r.verified { failed.append(r.table) }
            }
            let copied = reports.reduce(0) { $0 + $1.copied }
            print(String(format: "Copied %d rows from %@ to %@ in %.1f s.", copied, from, target.url.description,
                         Date().timeIntervalSince(started)))
            if !failed.isEmpty {
                FileHandle.standardError.write(Data("Counts differ for: \(failed.joined(separator: ", "))\n".utf8))
                throw ExitCode(1)
            }
        }
    }

    static var quietLogger: Logger {
        var logger = Logger(label: "paperboy.database")
        logger.logLevel = .warning
        return logger
    }

    /// A one-line summary of an open database's schema: its version (PostgreSQL) or its migration count (SQLite).
    static func describe(_ database: SiteDatabase) async throws -> String {
        if let postgres = database.postgres?.database {
            return "schema version \(try await postgres.appliedMigrations().max() ?? 0)"
        }
        let (applied, known) = try SQLiteDatabase.migrationStatus(path: database.location)
        return "\(applied.count) of \(known.count) migrations"
    }
}

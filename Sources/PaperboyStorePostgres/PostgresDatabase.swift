import Foundation
import Logging
import PaperboyCore
import PostgresNIO
import ServiceLifecycle

/// One PostgreSQL database shared by every PostgreSQL store of a ``Stores`` bundle: a `PostgresClient` (a
/// connection pool) and the one way queries and transactions run and errors become ``PaperboyError``s.
///
/// The client only works while ``run()`` runs: put the database in the application's `ServiceGroup` (it is a
/// `Service`), or call ``startInBackground()`` in a CLI command or a test. Call ``migrate()`` before the first
/// store method (``Stores/postgres(url:logger:)`` does both for CLI use).
public struct PostgresDatabase: Sendable, Service {
    public let url: PostgresURL
    let client: PostgresClient
    let logger: Logger
    /// How long one connection attempt may take (the pool's and the dedicated connections').
    public let connectTimeout: Duration

    /// A pool of at most `maximumConnections` connections to `url`. Nothing connects until ``run()``.
    public init(url: PostgresURL, maximumConnections: Int = 20, idleTimeout: Duration = .seconds(60),
                connectTimeout: Duration = .seconds(10), logger: Logger) {
        var configuration: PostgresClient.Configuration
        if let socket = url.socketDirectory {
            configuration = .init(unixSocketPath: "\(socket)/.s.PGSQL.\(url.port)", username: url.username,
                                  password: url.password, database: url.database)
        } else {
            let tls: PostgresClient.Configuration.TLS = switch url.tls {
            case .disable: .disable
            case .prefer: .prefer(.makeClientConfiguration())
            case .require: .require(.makeClientConfiguration())
            }
            configuration = .init(host: url.host ?? "localhost", port: url.port, username: url.username,
                                  password: url.password, database: url.database, tls: tls)
        }
        configuration.options.maximumConnections = max(1, maximumConnections)
        configuration.options.connectionIdleTimeout = idleTimeout
        configuration.options.connectTimeout = connectTimeout
        self.connectTimeout = connectTimeout
        self.url = url
        self.logger = logger
        self.client = PostgresClient(configuration: configuration, backgroundLogger: logger)
    }

    /// Runs the pool until the task is cancelled (graceful shutdown of the service group).
    public func run() async throws {
        await client.run()
    }

    /// Runs the pool in a detached task, for CLI commands and tests; the task ends when the process does, or
    /// when the returned task is cancelled.
    @discardableResult
    public func startInBackground() -> Task<Void, Never> {
        let client = client
        return Task.detached { await client.run() }
    }

    /// Applies every pending migration, once, under a session advisory lock (see ``PostgresMigrator``).
    public func migrate() async throws {
        try await PostgresMigrator(database: self).migrate()
    }

    // MARK: Running statements

    /// Runs one statement on its own (maintenance and tests: `CREATE DATABASE` cannot run in a transaction).
    func execute(sql: String) async throws {
        try await session("run a statement") { s in try await s.execute(PostgresQuery(unsafeSQL: sql)) }
    }

    /// Runs `body` on one leased connection, outside any explicit transaction (each statement commits alone).
    @discardableResult
    func session<T: Sendable>(_ what: String, _ body: (PostgresSession) async throws -> T) async throws -> T {
        try await mapped(what) {
            try await client.withConnection { connection in
                try await body(PostgresSession(connection: connection, logger: logger))
            }
        }
    }

    /// One transaction at `isolation`: committed when `body` returns, rolled back when it throws.
    @discardableResult
    func transaction<T: Sendable>(_ what: String, isolation: Isolation = .readCommitted, readOnly: Bool = false,
                                  _ body: (PostgresSession) async throws -> T) async throws -> T {
        try await mapped(what) {
            try await client.withConnection { connection in
                let session = PostgresSession(connection: connection, logger: logger)
                try await session.execute(PostgresQuery(unsafeSQL: "BEGIN ISOLATION LEVEL \(isolation.rawValue)"
                    + (readOnly ? " READ ONLY" : "")))
                do {
                    let value = try await body(session)
                    try await session.execute("COMMIT")
                    return value
                } catch {
                    _ = try? await session.execute("ROLLBACK")
                    throw error
                }
            }
        }
    }

    /// A consistent multi-statement read: one REPEATABLE READ, READ ONLY snapshot.
    func read<T: Sendable>(_ what: String, _ body: (PostgresSession) async throws -> T) async throws -> T {
        try await transaction(what, isolation: .repeatableRead, readOnly: true, body)
    }

    enum Isolation: String {
        case readCommitted = "READ COMMITTED"
        case repeatableRead = "REPEATABLE READ"
    }

    /// Runs `body`, turning anything that is not already a ``PaperboyError`` into one: a unique, foreign-key or
    /// check violation (SQLSTATE class 23) is a `conflict`, anything else a storage error.
    func mapped<T>(_ what: String, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as PaperboyError {
            throw error
        } catch let error as PSQLError {
            if let state = error.serverInfo?[.sqlState], state.hasPrefix("23") {
                throw PaperboyError(.conflict, "Could not \(what): it conflicts with stored data.",
                                    cause: PostgresFailure(error))
            }
            throw PaperboyError(.storage, "Could not \(what).", cause: PostgresFailure(error))
        } catch {
            throw PaperboyError(.storage, "Could not \(what).", cause: error)
        }
    }
}

/// A PostgreSQL error as text: the server's SQLSTATE and message (a `PSQLError`'s description hides them).
struct PostgresFailure: Error, CustomStringConvertible {
    let description: String

    init(_ error: PSQLError) {
        if let info = error.serverInfo {
            description = "PostgreSQL \(info[.sqlState] ?? "?"): \(info[.message] ?? "")"
                + (info[.detail].map { " — \($0)" } ?? "")
        } else {
            description = String(reflecting: error)
        }
    }
}

import Foundation
import Logging
import PaperboyCore
import PostgresNIO

extension PostgresDatabase {
    /// Opens the database at `url` for a server or a CLI command: checks within `connectTimeout` that the server
    /// answers and accepts the credentials (the pool alone would wait for a connection forever), starts the pool in
    /// a background task and migrates. Returns the database and the pool's task (cancel it to close the pool).
    ///
    /// `invalidInput` for a bad URL; `storage` naming the server and the reason when it cannot be reached, refuses
    /// the login, lacks the database, or cannot be migrated.
    public static func open(url text: String, maximumConnections: Int = 10, connectTimeout: Duration = .seconds(10),
                            logger: Logger) async throws -> (database: PostgresDatabase, pool: Task<Void, Never>) {
        let url = try PostgresURL(text)
        let database = PostgresDatabase(url: url, maximumConnections: maximumConnections,
                                        connectTimeout: connectTimeout, logger: logger)
        try await database.checkReachable()
        let pool = await database.startPool()
        do {
            try await database.migrate()
        } catch {
            pool.cancel()
            throw error
        }
        return (database, pool)
    }

    /// ``startInBackground()``, then a moment for the pool's run loop to start, so that the first lease does not
    /// come before it (postgres-nio warns that `run()` was not called, though it would wait).
    public func startPool() async -> Task<Void, Never> {
        let pool = startInBackground()
        try? await Task.sleep(for: .milliseconds(20))
        return pool
    }

    /// Connects once outside the pool and runs `SELECT 1`, within ``connectTimeout``.
    public func checkReachable() async throws {
        let connection = try await dedicatedConnection(id: 0)
        defer { Task { try? await connection.close() } }
        do {
            _ = try await PostgresSession(connection: connection, logger: logger).execute("SELECT 1")
        } catch let error as PSQLError {
            throw PaperboyError(.storage, "PostgreSQL at \(url) does not answer queries.", cause: PostgresFailure(error))
        }
    }

    /// A connection of its own, outside the pool (the leases hold their advisory locks on one: the lock lives
    /// exactly as long as the connection). `storage` with the reason when it cannot be made within
    /// ``connectTimeout``.
    func dedicatedConnection(id: Int) async throws -> PostgresConnection {
        let configuration = try connectionConfiguration()
        let url = url
        let timeout = connectTimeout
        do {
            return try await withDeadline(timeout + .seconds(1)) { [logger] in
                try await PostgresConnection.connect(configuration: configuration, id: id, logger: logger)
            }
        } catch let error as PSQLError {
            // The reason says it all for a refused or dropped connection; the server's SQLSTATE goes in the cause.
            throw PaperboyError(.storage, "Cannot connect to PostgreSQL at \(url): \(Self.reason(error)).",
                                cause: error.serverInfo == nil ? nil : PostgresFailure(error))
        } catch is DeadlineExceeded {
            throw PaperboyError(.storage, "Cannot connect to PostgreSQL at \(url): no answer within \(timeout).")
        } catch let error as PaperboyError {
            throw error
        } catch {
            throw PaperboyError(.storage, "Cannot connect to PostgreSQL at \(url): \(error).", cause: error)
        }
    }

    /// The settings of a single connection to ``url`` (the pool builds its own from the same URL).
    func connectionConfiguration() throws -> PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        if let socket = url.socketDirectory {
            configuration = .init(unixSocketPath: "\(socket)/.s.PGSQL.\(url.port)", username: url.username,
                                  password: url.password, database: url.database)
        } else {
            let tls: PostgresConnection.Configuration.TLS
            do {
                tls = switch url.tls {
                case .disable: .disable
                case .prefer: .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
                case .require: .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
                }
            } catch {
                throw PaperboyError(.configuration, "Cannot set up TLS for PostgreSQL at \(url).", cause: error)
            }
            configuration = .init(host: url.host ?? "localhost", port: url.port, username: url.username,
                                  password: url.password, database: url.database, tls: tls)
        }
        configuration.options.connectTimeout = TimeAmount(connectTimeout)
        return configuration
    }

    /// What went wrong, in words: the server's message when it sent one, else the connection failure.
    static func reason(_ error: PSQLError) -> String {
        if let message = error.serverInfo?[.message] { return message }
        if let underlying = error.underlying { return String(describing: underlying) }
        return String(describing: error.code)
    }
}

/// The work did not finish within its deadline.
struct DeadlineExceeded: Error {}

/// Runs `body`, cancelling it and throwing ``DeadlineExceeded`` when it takes longer than `limit`.
func withDeadline<T: Sendable>(_ limit: Duration, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: limit)
            throw DeadlineExceeded()
        }
        defer { group.cancelAll() }
        guard let first = try await group.next() else { throw DeadlineExceeded() }
        return first
    }
}

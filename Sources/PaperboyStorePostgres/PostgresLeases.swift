import Foundation
import Logging
import PaperboyCore
import PaperboyLifecycle
import PostgresNIO

/// ``Leases`` for a PostgreSQL database: a session-level `pg_try_advisory_lock(key)` held on a connection of its
/// own, outside the pool. The lock lives exactly as long as that connection, so when the holding process dies
/// (even `kill -9`) the server ends its session and the lease is free for the next ``tryAcquire(_:)`` of a
/// standby. A pooled connection could not hold it: it would go back to the pool, lock and all.
///
/// Advisory locks belong to one database, so sites on different databases of one server never meet.
public struct PostgresLeases: Leases {
    let database: PostgresDatabase

    public init(database: PostgresDatabase) { self.database = database }

    /// The advisory lock key of lease `name`: FNV-1a of `paperboy.lease.<name>` as a signed 64-bit number.
    public static func key(_ name: String) -> Int64 {
        Int64(bitPattern: FNV1a.hash("paperboy.lease." + name))
    }

    public func tryAcquire(_ name: String) async throws -> (any HeldLease)? {
        let connection = try await database.dedicatedConnection(id: Int(truncatingIfNeeded: Self.key(name)))
        let session = PostgresSession(connection: connection, logger: database.logger)
        let key = Self.key(name)
        let locked: Bool?
        do {
            locked = try await session.value(Bool.self, "SELECT pg_try_advisory_lock(\(key))")
        } catch let error as PSQLError {
            try? await connection.close()
            throw PaperboyError(.storage, "Could not take the lease \(name) on PostgreSQL at \(database.url).",
                                cause: PostgresFailure(error))
        }
        guard locked == true else {
            try? await connection.close()
            return nil
        }
        return PostgresLease(connection: connection, key: key, logger: database.logger)
    }
}

/// A held advisory lock and the connection that holds it; ``release()`` unlocks and closes, once.
final class PostgresLease: HeldLease, @unchecked Sendable {
    // `connection` is taken once, under `lock`, by `release` (or `deinit`).
    private let lock = NSLock()
    private var connection: PostgresConnection?
    private let key: Int64
    private let logger: Logger

    init(connection: PostgresConnection, key: Int64, logger: Logger) {
        self.connection = connection
        self.key = key
        self.logger = logger
    }

    func release() async {
        guard let connection = take() else { return }
        let session = PostgresSession(connection: connection, logger: logger)
        _ = try? await session.execute("SELECT pg_advisory_unlock(\(key))")
        try? await connection.close()
    }

    deinit {
        // Closing the session releases the lock on the server.
        if let connection = take() {
            let closing: EventLoopFuture<Void> = connection.close()
            closing.whenComplete { _ in }
        }
    }

    private func take() -> PostgresConnection? {
        lock.lock()
        defer { lock.unlock() }
        let taken = connection
        connection = nil
        return taken
    }
}

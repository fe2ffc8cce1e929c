import Foundation
import Logging
import PaperboyConfig
import PaperboyCore
import PaperboyLifecycle
import PaperboyStore
import PaperboyStorePostgres
import ServiceLifecycle

/// The database a server or a CLI command runs on, opened: an SQLite file or a PostgreSQL server (a
/// `postgres://` URL), its ``Stores``, and the ``Leases`` its singletons take (`flock` files beside an SQLite
/// database, advisory locks on PostgreSQL). The one place the backend is chosen from the `database` setting.
public struct SiteDatabase: Sendable {
    public enum Kind: String, Sendable { case sqlite, postgres }

    public let kind: Kind
    public let stores: Stores
    public let leases: any Leases
    /// The SQLite path, or the PostgreSQL URL with its password hidden: for logs and messages.
    public let location: String
    /// PostgreSQL only: the open database and the task running its pool.
    public let postgres: (database: PostgresDatabase, pool: Task<Void, Never>)?

    /// Opens `database` (migrating it): a `postgres://` URL connects within `connectTimeout` (a bad URL is
    /// `invalid_input`, an unreachable server or a refused login `storage`, each naming the server and the reason);
    /// anything else is an SQLite file, created if missing.
    public static func open(_ database: String, maximumConnections: Int = 10, connectTimeout: Duration = .seconds(10),
                            logger: Logger) async throws -> SiteDatabase {
        guard AppConfiguration.isPostgres(database) else {
            return SiteDatabase(kind: .sqlite, stores: try Stores.sqlite(path: database),
                                leases: FileLeases.beside(database: database), location: database, postgres: nil)
        }
        let (db, pool) = try await PostgresDatabase.open(url: database, maximumConnections: maximumConnections,
                                                         connectTimeout: connectTimeout, logger: logger)
        return SiteDatabase(kind: .postgres, stores: Stores.postgres(db), leases: PostgresLeases(database: db),
                            location: db.url.description, postgres: (db, pool))
    }

    /// The service that keeps the PostgreSQL pool for the application's `ServiceGroup`; `nil` for SQLite. Put it
    /// first in the group: services shut down in reverse order, so the pool closes after everything that uses it.
    public var service: (any Service)? {
        postgres.map { PoolService(pool: $0.pool) }
    }

    /// Closes the PostgreSQL pool (nothing to do for SQLite).
    public func close() async {
        guard let pool = postgres?.pool else { return }
        pool.cancel()
        await pool.value
    }
}

/// The PostgreSQL pool as a member of the service group. The pool itself starts in ``SiteDatabase/open`` — the
/// composition root reads the store (search index, signing secret) before the group runs — and this service ends
/// it when the group shuts down.
struct PoolService: Service, CustomStringConvertible {
    let pool: Task<Void, Never>

    var description: String { "PostgreSQL pool" }

    func run() async throws {
        try? await gracefulShutdown()
        pool.cancel()
        await pool.value
    }
}

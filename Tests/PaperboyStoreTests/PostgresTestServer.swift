import Foundation
import Logging
import PaperboyCore
import PaperboyStore
@testable import PaperboyStorePostgres
import Testing

/// The PostgreSQL server the tests use: `PAPERBOY_TEST_POSTGRES_URL` (scripts/with-postgres.sh starts a throw-away
/// cluster and sets it). Each test gets its own database (`CREATE DATABASE pb_<uuid>`), so tests are independent and
/// advisory locks (which are per database) never meet. Without the variable, PostgreSQL cases are skipped — except
/// under `CI=true`, where they fail: a missing PostgreSQL must never pass CI.
enum PostgresTestServer {
    static let environment = ProcessInfo.processInfo.environment
    static let url: String? = environment["PAPERBOY_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    static let isCI = environment["CI"] == "true"
    /// Whether PostgreSQL cases are generated at all.
    static let isRequested = url != nil || isCI
    static let skipReason: Testing.Comment = "PAPERBOY_TEST_POSTGRES_URL is not set: PostgreSQL cases are skipped (run under scripts/with-postgres.sh)"

    /// The server's URL, or the error that fails a PostgreSQL case in CI.
    static func serverURL() throws -> PostgresURL {
        guard let url else {
            throw PaperboyError(.configuration, "CI=true but PAPERBOY_TEST_POSTGRES_URL is not set: the PostgreSQL "
                + "contract cases cannot run. Run the tests under scripts/with-postgres.sh.")
        }
        return try PostgresURL(url)
    }

    /// One pool on the server's maintenance database that creates the per-test databases.
    static let admin: PostgresDatabase? = {
        guard let url, let parsed = try? PostgresURL(url) else { return nil }
        let database = PostgresDatabase(url: parsed, maximumConnections: 2, logger: logger)
        database.startInBackground()
        return database
    }()

    static let logger = Logger(label: "paperboy.tests.postgres")

    /// A new, empty (unmigrated) database on the server; its URL.
    static func freshDatabase() async throws -> PostgresURL {
        let server = try serverURL()
        guard let admin else { throw PaperboyError(.configuration, "Cannot parse PAPERBOY_TEST_POSTGRES_URL.") }
        let name = "pb_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await admin.execute(sql: "CREATE DATABASE \(name)")
        return server.with(database: name)
    }

    /// A pool on `url` with few connections that close soon when idle (tests leave their pools behind).
    static func pool(_ url: PostgresURL, connections: Int = 4) -> PostgresDatabase {
        let database = PostgresDatabase(url: url, maximumConnections: connections, idleTimeout: .seconds(5), logger: logger)
        database.startInBackground()
        return database
    }

    /// `count` store bundles, each on its own pool, over one fresh migrated database.
    static func freshStores(pools count: Int) async throws -> [Stores] {
        let url = try await freshDatabase()
        let databases = (0..<count).map { _ in pool(url) }
        try await databases[0].migrate()
        return databases.map(Stores.postgres)
    }
}

/// Marks the PostgreSQL cases' state in the test report: skipped with its reason, or failing in CI.
@Suite("PostgreSQL test server")
struct PostgresTestServerTests {
    @Test(.enabled(if: PostgresTestServer.url != nil, PostgresTestServer.skipReason))
    func theServerAnswers() async throws {
        let url = try await PostgresTestServer.freshDatabase()
        let database = PostgresTestServer.pool(url, connections: 1)
        try await database.migrate()
        #expect(try await database.appliedMigrations().last == PostgresDatabase.latestMigration)
    }

    @Test(.enabled(if: PostgresTestServer.url == nil && PostgresTestServer.isCI))
    func ciRequiresAServer() throws {
        Issue.record("CI=true but PAPERBOY_TEST_POSTGRES_URL is not set: PostgreSQL must run in CI (scripts/with-postgres.sh).")
    }
}

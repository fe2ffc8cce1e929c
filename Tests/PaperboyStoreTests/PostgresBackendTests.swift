import Foundation
import PaperboyCore
import PaperboyStore
import Testing
@testable import PaperboyStorePostgres

/// What only the PostgreSQL backend promises: its URLs, and migrations that run exactly once when several instances
/// start at once on an empty database.
@Suite("PostgreSQL backend")
struct PostgresBackendTests {
    @Test func parsesURLs() throws {
        let tcp = try PostgresURL("postgres://ada:s%40cret@db.example.org:6543/paperboy?sslmode=require")
        #expect(tcp.username == "ada" && tcp.password == "s@cret" && tcp.host == "db.example.org")
        #expect(tcp.port == 6543 && tcp.database == "paperboy" && tcp.tls == .require)
        #expect(tcp.description == "postgres://ada:***@db.example.org:6543/paperboy?sslmode=require")
        let plain = try PostgresURL("postgresql://paperboy@localhost/site")
        #expect(plain.port == 5432 && plain.password == nil && plain.tls == .prefer)
        let socket = try PostgresURL("postgres://postgres@/site?host=/tmp/pg")
        #expect(socket.socketDirectory == "/tmp/pg" && socket.host == nil && socket.tls == .disable)
        #expect(PostgresURL.isPostgres("postgres://x@y/z") && !PostgresURL.isPostgres("paperboy.sqlite"))
    }

    @Test(arguments: [
        "paperboy.sqlite", "http://ada@host/db", "postgres://host/db", "postgres://ada@host", "postgres://ada@host/",
        "postgres://ada@host/a/b", "postgres://ada@host:0/db", "postgres://ada@host/db?sslmode=sometimes",
        "postgres://ada:pw@/db",
    ])
    func rejectsBadURLsWithAClearMessage(text: String) {
        #expect {
            _ = try PostgresURL(text)
        } throws: { error in
            guard let error = error as? PaperboyError else { return false }
            return error.code == .invalidInput && error.message.contains("is not a PostgreSQL URL")
                && !error.message.contains(":pw@")
        }
    }

    @Test(.enabled(if: PostgresTestServer.url != nil, PostgresTestServer.skipReason))
    func instancesStartingAtOnceOnAnEmptyDatabaseMigrateExactlyOnce() async throws {
        let url = try await PostgresTestServer.freshDatabase()
        let instances = (0..<4).map { _ in PostgresTestServer.pool(url, connections: 2) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for instance in instances { group.addTask { try await instance.migrate() } }
            try await group.waitForAll()
        }
        let versions = try await instances[0].appliedMigrations()
        #expect(versions == Array(1...PostgresDatabase.latestMigration))
        // Migrating again is a no-op, and the schema works.
        try await instances[1].migrate()
        let stores = Stores.postgres(instances[2])
        _ = try await stores.papers.apply(ImportBatch(papers: [paper("2401.00001")]))
        #expect(try await stores.papers.stats().papers == 1)
    }

    @Test(.enabled(if: PostgresTestServer.url != nil, PostgresTestServer.skipReason))
    func theFactoryOpensAndMigratesFromAURL() async throws {
        let url = try await PostgresTestServer.freshDatabase()
        let (stores, database) = try await Stores.postgres(url: url.description, maximumConnections: 2)
        #expect(database.url == url)
        #expect(try await stores.settings.setting("k", default: "v") == "v")
    }
}

import Foundation
import GRDB
import PaperboyCore
import Testing
@testable import PaperboyStore

/// A storage backend under test: its name and a factory for the stores of a fresh, empty database — one bundle,
/// or several on separate connection pools over the same database (as several processes). Every contract suite runs
/// against each entry of ``all``.
struct Backend: Sendable, CustomTestStringConvertible {
    let name: String
    let makePools: @Sendable (_ count: Int) async throws -> [Stores]
    var testDescription: String { name }

    /// The stores of a fresh, empty database.
    func make() async throws -> Stores { try await makePools(1)[0] }

    /// `count` bundles of stores over one fresh database, each with its own pool.
    func make(pools count: Int) async throws -> [Stores] { try await makePools(count) }

    /// A real SQLite file in a temporary directory.
    static let sqlite = Backend(name: "sqlite") { count in
        let path = TempDir.make().appendingPathComponent("t.sqlite").path
        return try (0..<count).map { _ in try Stores.sqlite(path: path) }
    }

    /// A fresh database on the server of `PAPERBOY_TEST_POSTGRES_URL` (see ``PostgresTestServer``).
    static let postgres = Backend(name: "postgres") { count in try await PostgresTestServer.freshStores(pools: count) }

    /// SQLite always; PostgreSQL when a server is configured — and under `CI=true` even when none is, so that every
    /// PostgreSQL case fails instead of silently not running.
    static let all: [Backend] = PostgresTestServer.isRequested ? [.sqlite, .postgres] : [.sqlite]
}

/// Paper stores also come in memory; the ``PaperStore`` contract runs against every backend's and that one.
struct PaperBackend: Sendable, CustomTestStringConvertible {
    let name: String
    let make: @Sendable () async throws -> any PaperStore
    var testDescription: String { name }

    static let memory = PaperBackend(name: "memory") { InMemoryPaperStore() }

    static let all: [PaperBackend] = Backend.all.map { backend in
        PaperBackend(name: backend.name) { try await backend.make().papers }
    } + [.memory]
}

enum TempDir {
    static func make() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("paperboy-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

func paper(_ id: String, votes: Int = 0, title: String? = nil, source: String = "hf-daily", updated: Double = 100) -> Paper {
    Paper(id: PaperID(unchecked: id), title: title ?? "Paper \(id)", abstract: "About \(id).",
          authors: [Author(name: "Ada Lovelace"), Author(name: "Alan Turing", user: UserRef(username: "alan"))],
          categories: ["cs.LG", "cs.AI"], publishedAt: Date(timeIntervalSince1970: 1_700_000_000),
          aiKeywords: ["k1"], organization: Organization(name: "org"), importedUpvotes: votes, source: source,
          sourceUpdatedAt: Date(timeIntervalSince1970: updated), communityUpdatedAt: Date(timeIntervalSince1970: updated))
}

func day(_ s: String) -> Day { try! Day(parsing: s) }

/// Unwraps an optional result or fails the test with a clear message.
func required<T>(_ value: T?, _ what: String = "value", sourceLocation: SourceLocation = #_sourceLocation) throws -> T {
    try #require(value, "\(what) was nil", sourceLocation: sourceLocation)
}

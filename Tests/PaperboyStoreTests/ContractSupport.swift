import Foundation
import GRDB
import PaperboyCore
import Testing
@testable import PaperboyStore

/// A storage backend under test: its name and a factory for the stores of a fresh, empty database. Every
/// contract suite runs against each entry of ``all``; a PostgreSQL backend is one more entry.
struct Backend: Sendable, CustomTestStringConvertible {
    let name: String
    let make: @Sendable () throws -> Stores
    var testDescription: String { name }

    /// A real SQLite file in a temporary directory.
    static let sqlite = Backend(name: "sqlite") {
        try Stores.sqlite(path: TempDir.make().appendingPathComponent("t.sqlite").path)
    }

    static let all: [Backend] = [.sqlite]
}

/// Paper stores also come in memory; the ``PaperStore`` contract runs against every backend's and that one.
struct PaperBackend: Sendable, CustomTestStringConvertible {
    let name: String
    let make: @Sendable () throws -> any PaperStore
    var testDescription: String { name }

    static let memory = PaperBackend(name: "memory") { InMemoryPaperStore() }

    static let all: [PaperBackend] = Backend.all.map { backend in
        PaperBackend(name: backend.name) { try backend.make().papers }
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

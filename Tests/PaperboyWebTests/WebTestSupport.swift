import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PaperboyCatalog
import PaperboyConfig
import PaperboyDelivery
import PaperboyIngest
import PaperboyMail
import PaperboyCore
import PaperboyStore
import Testing
@testable import PaperboyWeb

/// A small, fixed data set served through the real router.
enum WebFixture {
    static let day1 = try! Day(parsing: "2025-06-02")   // Monday
    static let day2 = try! Day(parsing: "2025-06-03")
    static let day3 = try! Day(parsing: "2025-06-10")   // next week
    /// The clock the tests run at: long after the data, so trending falls back to the newest day.
    static let clock = Date(timeIntervalSince1970: try! Day(parsing: "2026-11-29").secondsSinceEpoch)

    static func paper(_ id: String, title: String, votes: Int, categories: [String] = ["cs.LG"]) -> Paper {
        Paper(id: PaperID(unchecked: id), title: title, abstract: "Abstract of \(title).\nSecond line.\n\nSecond paragraph.",
              authors: [Author(name: "Ada Lovelace"), Author(name: "Alan Turing"), Author(name: "Grace Hopper"),
                        Author(name: "Edsger Dijkstra")],
              categories: categories, publishedAt: Date(timeIntervalSince1970: day1.secondsSinceEpoch - 86_400),
              githubRepo: "https://github.com/example/\(id)", projectPage: "javascript:alert(1)",
              aiSummary: "An AI summary.", aiKeywords: ["sparsity"], importedUpvotes: votes, importedComments: 3,
              source: "hf-daily", communityUpdatedAt: Date(timeIntervalSince1970: 0))
    }

    static func makeStore() async throws -> any PaperStore {
        let store = InMemoryPaperStore()
        let papers = [
            paper("2506.00001", title: "Sparse attention <b>kernels</b> & more", votes: 10),
            paper("2506.00002", title: "Mixture of experts", votes: 30),
            paper("2506.00003", title: "Third paper", votes: 20, categories: ["cs.CL"]),
            paper("2506.00004", title: "Next week paper", votes: 5),
        ]
        let entries = [
            DailyEntry(day: day1, paperID: papers[0].id, position: 0, submitter: UserRef(username: "akhaliq")),
            DailyEntry(day: day1, paperID: papers[1].id, position: 1, submitter: UserRef(username: "someone")),
            DailyEntry(day: day2, paperID: papers[2].id, position: 0, submitter: UserRef(username: "akhaliq"),
                       submittedAt: Date(timeIntervalSince1970: day2.secondsSinceEpoch + 3600)),
            DailyEntry(day: day3, paperID: papers[3].id, position: 0),
        ]
        _ = try await store.apply(ImportBatch(papers: papers, entries: entries))
        return store
    }

    /// The fixture's papers served by the app as the server builds it (``TestSite``).
    static func withApp(seeded: Bool = true, _ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let site = try await TestSite.make(seeded: seeded)
        try await site.withApp(body)
    }
}

/// A site built the way `paperboy serve` builds it — ``buildApplication(configuration:seams:)`` on a SQLite file in
/// a temporary directory — with test seams: the fixture clock, no model (lexical search unless `seams.embedder` is
/// set), no background embedder or digest scheduler, the dev outbox, arXiv unreachable. `stores` is the test's own
/// connection to the same database (as a CLI beside the server would have).
struct TestSite: Sendable {
    let directory: URL
    let stores: Stores
    var configuration: AppConfiguration
    var seams: AppSeams

    static func make(seeded: Bool = true, clock: @escaping @Sendable () -> Date = { WebFixture.clock }) async throws -> TestSite {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("paperboy-web-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("test.sqlite").path
        let stores = try Stores.sqlite(path: path)
        if seeded {
            let source = try await WebFixture.makeStore()
            let all = try await source.papers(after: nil, limit: 100)
            let entries = try await source.feed(FeedQuery(limit: 100)).items.map(\.entry)
            _ = try await stores.papers.apply(ImportBatch(papers: all, entries: entries))
        }
        var c = AppConfiguration()
        c.database = path
        c.embed = false
        c.digests = false
        c.model = nil
        c.bcryptCost = 10
        c.delivery = DeliveryConfiguration(from: MailAddress("digest@example.org"), baseURL: "https://papers.example.org",
                                           secret: "web-test-secret-0123456789", devOutbox: true)
        let seams = AppSeams(clock: clock, arxivHTTP: OfflineFetcher(), logger: Logger(label: "test"))
        return TestSite(directory: dir, stores: stores, configuration: c, seams: seams)
    }

    /// Runs `body` against the app (through the router, or over a real socket with `.live` and port 0).
    func withApp(live: Bool = false, _ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        var configuration = configuration
        if live { configuration.port = 0 }
        let app = try await buildApplication(configuration: configuration, seams: seams)
        try await app.test(live ? .live : .router) { client in try await body(client) }
        try? FileManager.default.removeItem(at: directory)
    }
}

/// arXiv as unreachable: the tests never touch the network.
struct OfflineFetcher: HTTPFetcher {
    func get(_ url: URL, headers: [String: String], timeout: Duration, maxBytes: Int) async throws -> FetchedResponse {
        throw FetchFailure.transport("offline (test)")
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    func json() throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }
}

import Foundation
import Hummingbird
import HummingbirdTesting
import PaperboyCatalog
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

    static func withApp(store: (any PaperStore)? = nil, search: Bool = true,
                        _ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let resolved: any PaperStore
        if let store { resolved = store } else { resolved = try await makeStore() }
        let catalog = search ? try await SearchCatalog.open(store: resolved, directory: nil) : nil
        let router = try await buildRouter(AppDependencies(store: resolved, catalog: catalog, clock: { clock }))
        let app = Application(router: router)
        try await app.test(.router) { client in try await body(client) }
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    func json() throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }
}

import Foundation
import Hummingbird
import HummingbirdTesting
import PaperboyCatalog
import PaperboyCore
import PaperboyStore
import Testing
@testable import PaperboyWeb

@Suite struct HealthTests {
    struct Health: Decodable, Equatable {
        var status: String
        var database: String
        var feedHead: Int64
        var indexed: Int64
        var papers: Int
    }

    static func decode(_ response: TestResponse) throws -> Health {
        try JSONDecoder().decode(Health.self, from: Data(buffer: response.body))
    }

    @Test func healthShowsTheFeedHeadAndHowFarTheIndexHasCaughtUp() async throws {
        let site = try await TestSite.make()
        try await site.withApp { client in
            let first = try await client.execute(uri: "/healthz", method: .get) { r in
                #expect(r.status == .ok)
                return try Self.decode(r)
            }
            #expect(first.status == "ok" && first.database == "sqlite" && first.feedHead > 0)
            #expect(first.indexed == first.feedHead && first.papers > 0)
            // Another process writes: the head moves on at once; this instance's index follows on its refresh,
            // and the instance stays in rotation meanwhile (it has caught up once).
            let paper = Paper(id: PaperID(unchecked: "2507.00042"), title: "Fresh", abstract: "New words.",
                              source: "hf-daily", communityUpdatedAt: Date(timeIntervalSince1970: 0))
            _ = try await site.stores.papers.apply(ImportBatch(papers: [paper]))
            let later = try await client.execute(uri: "/healthz", method: .get) { r in
                #expect(r.status == .ok)
                return try Self.decode(r)
            }
            #expect(later.feedHead > first.feedHead && later.indexed == first.indexed && later.status == "ok")
        }
    }

    @Test func anInstanceWhoseIndexHasNotCaughtUpIsOutOfRotation() async throws {
        let store = try await WebFixture.makeStore()
        let catalog = SearchCatalog.empty(store: store, directory: nil)   // nothing indexed yet
        let health = HealthController(papers: store, catalog: catalog, database: "sqlite")
        let behind = try await health.answer()
        #expect(behind.status == .serviceUnavailable)
        try await catalog.refresh()
        #expect(try await health.answer().status == .ok)
    }
}

import Foundation
import Hummingbird
import HummingbirdTesting
import PaperboyCore
import PaperboyIngest
import PaperboyStore
import Testing
@testable import PaperboyWeb

/// A submitter that features known papers and fails as told for the rest (no network).
struct FakeSubmitter: PaperSubmitting {
    let store: any PaperStore
    var failure: PaperboyError?

    func submit(_ id: ArxivID, submitter: UserRef?) async throws -> SubmissionResult {
        if let failure { throw failure }
        let day = Day(secondsSinceEpoch: WebFixture.clock.timeIntervalSince1970)
        guard try await store.paper(PaperID(arxiv: id)) != nil else { throw PaperboyError.notFound("arXiv has no paper \(id.base).") }
        _ = try await store.apply(ImportBatch(entries: [DailyEntry(day: day, paperID: PaperID(arxiv: id), position: 0,
                                                                   submittedAt: WebFixture.clock)]))
        let detail = try #require(try await store.paper(PaperID(arxiv: id)))
        return SubmissionResult(detail: detail, day: day, fetched: false, alreadyFeatured: false)
    }
}

@Suite("POST /api/papers/index")
struct SubmitRouteTests {
    static func withApp(failure: PaperboyError? = nil,
                        _ body: @Sendable (Client, any PaperStore) async throws -> Void) async throws {
        var site = try await TestSite.make()
        let store = site.stores.papers
        site.seams.submitter = FakeSubmitter(store: store, failure: failure)
        // The endpoint needs an API token (any user's), as on the real site.
        let user = try await site.stores.accounts.createUser(username: "grace", email: "grace@example.org",
                                                             passwordHash: CommunityFixture.passwordHash, at: WebFixture.clock)
        let token = try await APITokens.create(for: user, label: "test", store: site.stores.accounts, at: WebFixture.clock)
        try await site.withApp { client in try await body(Client(client: client, token: token.secret), store) }
    }

    /// The test client with the user's Bearer token.
    struct Client: Sendable {
        let client: any TestClientProtocol
        let token: String
    }

    static func post(_ client: Client, _ json: String) async throws -> (HTTPResponse.Status, [String: Any]) {
        try await client.client.execute(uri: "/api/papers/index", method: .post,
                                 headers: [.contentType: "application/json", .authorization: "Bearer \(client.token)"],
                                 body: ByteBuffer(string: json)) { r in
            #expect(r.headers[.contentType] == "application/json; charset=utf-8")
            return (r.status, (try? r.json() as? [String: Any]) ?? [:])
        }
    }

    @Test func aKnownPaperIsFeaturedToday() async throws {
        try await Self.withApp { client, store in
            let (status, body) = try await Self.post(client, #"{"arxivId": "2506.00002"}"#)
            #expect(status == .ok)
            #expect(body["id"] as? String == "2506.00002" && body["title"] as? String == "Mixture of experts")
            #expect(body["submittedOnDailyAt"] as? String == "2026-11-29T00:00:00.000Z")
            let detail = try #require(try await store.paper(PaperID(unchecked: "2506.00002")))
            #expect(detail.entries.first?.day.description == "2026-11-29")
        }
    }

    @Test func badIdsAndBodiesAreJSON400s() async throws {
        try await Self.withApp { client, store in
            for json in [#"{"arxivId": "2513.00001"}"#, #"{"arxivId": "not an id"}"#, #"{"arxivId": 2405.15738}"#,
                         #"{"id": "2405.15738"}"#, "not json", "[]", #"{"arxivId": ""}"#,
                         "{\"arxivId\": \"\(String(repeating: "1", count: 5000))\"}"] {
                let (status, body) = try await Self.post(client, json)
                #expect(status == .badRequest, "\(json.prefix(40))")
                #expect((body["error"] as? String)?.isEmpty == false, "\(json.prefix(40))")
            }
            #expect(try await store.stats().dailyEntries == 4, "nothing was featured")
        }
    }

    @Test func arxivFailuresMapTo503And502AndUnknownTo404() async throws {
        let cases: [(PaperboyError?, HTTPResponse.Status)] = [
            (PaperboyError(.unavailable, "arXiv is unavailable: timed out."), .serviceUnavailable),
            (PaperboyError(.upstream, "The arXiv API page came back as text/html."), .badGateway),
            (nil, .notFound),
        ]
        for (failure, expected) in cases {
            try await Self.withApp(failure: failure) { client, _ in
                let (status, body) = try await Self.post(client, #"{"arxivId": "2611.99999"}"#)
                #expect(status == expected)
                let message = try #require(body["error"] as? String)
                #expect(message.contains("arXiv"), "the message says what failed: \(message)")
            }
        }
    }
}

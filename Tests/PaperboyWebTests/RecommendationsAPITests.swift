import Foundation
import Hummingbird
import HummingbirdTesting
import PaperboyCore
import PaperboyStore
import Testing
@testable import PaperboyWeb

@Suite("For you: the API")
struct RecommendationsAPITests {
    static func token(_ fx: CommunityFixture, _ user: User) async throws -> String {
        try await APITokens.create(for: user, label: "test", store: fx.accounts, at: fx.clock.now).secret
    }

    @Test func refusalsAre401And400JSONNamingTheParameter() async throws {
        let fx = try await ForYouFixture.make()
        let grace = try await fx.user("grace")
        let token = try await Self.token(fx, grace)
        try await fx.withApp { client in
            for (uri, method) in [("/api/recommendations", HTTPRequest.Method.get),
                                  ("/api/papers/2506.00010/not-interested", .post),
                                  ("/api/papers/2506.00010/not-interested", .delete),
                                  ("/api/papers/2506.00010/read", .post), ("/api/papers/2506.00010/read", .delete)] {
                for bad in [nil, "pb_not-a-token"] {
                    let r = try await ForYouFixture.api(client, uri, token: bad, method: method)
                    #expect(r.status == .unauthorized, "\(method) \(uri)")
                    #expect(r.headers[.wwwAuthenticate] == "Bearer")
                    #expect(r.headers[.contentType]?.hasPrefix("application/json") == true)
                    #expect((try r.json() as? [String: Any])?["error"] is String)
                }
            }
            for (query, parameter) in [("limit=0", "'limit'"), ("limit=101", "'limit'"), ("limit=x", "'limit'"),
                                       ("since=2025-13-01", "'since'"), ("until=yesterday", "'until'"),
                                       ("since=2025-06-10&until=2025-06-10", "'since'"),
                                       ("since=2025-06-11&until=2025-06-01", "'until'"),
                                       ("since=2000-01-01&until=2025-06-01", "'since'")] {
                let r = try await ForYouFixture.api(client, "/api/recommendations?\(query)", token: token)
                #expect(r.status == .badRequest, "\(query)")
                let message = (try r.json() as? [String: Any])?["error"] as? String ?? ""
                #expect(message.contains(parameter), "\(query): \(message)")
            }
        }
    }

    @Test func answersAreHFSearchHitsWithReasons() async throws {
        let fx = try await ForYouFixture.make()
        let grace = try await fx.user("grace")
        let token = try await Self.token(fx, grace)
        try await fx.withApp { client in
            // Upvote one Noam Parser paper through the API; his other papers of the week come first, saying why.
            #expect(try await ForYouFixture.api(client, "/api/papers/2506.00013/upvote", token: token, method: .post).status == .ok)
            let r = try await ForYouFixture.api(client, "/api/recommendations", token: token)
            #expect(r.status == .ok)
            #expect(r.headers[.cacheControl] == "private, no-store")
            let items = try ForYouFixture.recommendations(r)
            // The default window: the 7 days up to and including the newest day (2025-06-04 … 2025-06-10).
            #expect(Set(items.compactMap(ForYouFixture.id))
                    == ["2506.00004", "2506.00010", "2506.00011", "2506.00012", "2506.00014"], "the upvoted paper is left out")
            #expect(Array(items.compactMap(ForYouFixture.id).prefix(2)) == ["2506.00011", "2506.00014"])
            #expect(ForYouFixture.reason(items[0]).kind == "liked_author")
            #expect(ForYouFixture.reason(items[0]).text == "By Noam Parser, whose papers you liked")
            // HF's search-hit shape: the paper object, title and summary at the top level.
            let first = items[0]
            let paper = try #require(first["paper"] as? [String: Any])
            #expect(paper["title"] as? String == "Parsing with grammars" && paper["upvotes"] as? Int == 8)
            #expect((paper["authors"] as? [[String: Any]])?.first?["name"] as? String == "Noam Parser")
            #expect(first["title"] as? String == "Parsing with grammars" && first["summary"] is String)
            #expect(first["numComments"] as? Int != nil && first["score"] as? Double != nil && first["isRead"] as? Bool == false)
            #expect(ForYouFixture.reason(items.last ?? [:]).kind == "popular")

            let one = try ForYouFixture.recommendations(try await ForYouFixture.api(client, "/api/recommendations?limit=1", token: token))
            #expect(one.count == 1 && ForYouFixture.id(one[0]) == "2506.00011")
            // An explicit window (until exclusive): only the papers of 2025-06-02 and 2025-06-03.
            let early = try ForYouFixture.recommendations(try await ForYouFixture.api(
                client, "/api/recommendations?since=2025-06-02&until=2025-06-04", token: token))
            #expect(Set(early.compactMap(ForYouFixture.id)) == ["2506.00001", "2506.00002", "2506.00003"])
            let only = try ForYouFixture.recommendations(try await ForYouFixture.api(
                client, "/api/recommendations?until=2025-06-03", token: token))
            #expect(only.compactMap(ForYouFixture.id).sorted() == ["2506.00001", "2506.00002"])
        }
    }

    @Test func marksThroughTheAPIAre204AndNotInterestedLeavesTheAnswer() async throws {
        let fx = try await ForYouFixture.make()
        let grace = try await fx.user("grace")
        let alan = try await fx.user("alan")
        let token = try await Self.token(fx, grace)
        let alanToken = try await Self.token(fx, alan)
        try await fx.withApp { client in
            func ids(_ t: String) async throws -> [String] {
                try ForYouFixture.recommendations(try await ForYouFixture.api(client, "/api/recommendations", token: t))
                    .compactMap(ForYouFixture.id)
            }
            #expect(try await ids(token).contains("2506.00010"))
            let off = try await ForYouFixture.api(client, "/api/papers/2506.00010/not-interested", token: token, method: .post)
            #expect(off.status == .noContent && off.body.readableBytes == 0)
            #expect(try await ids(token).contains("2506.00010") == false)
            #expect(try await ids(alanToken).contains("2506.00010"), "grace's mark is hers only")
            // The page agrees (and the same mark made on the page shows in the API).
            let page = try await ForYouFixture.browser(client, "grace").get("/papers/for-you")
            #expect(!ForYouFixture.cardIDs(page.text).contains("2506.00010"))
            #expect(try await ForYouFixture.api(client, "/api/papers/2506.00010/not-interested", token: token, method: .delete).status == .noContent)
            #expect(try await ids(token).contains("2506.00010"))

            #expect(try await ForYouFixture.api(client, "/api/papers/2506.00011/read", token: token, method: .post).status == .noContent)
            let read = try ForYouFixture.recommendations(try await ForYouFixture.api(client, "/api/recommendations", token: token))
            #expect(read.first { ForYouFixture.id($0) == "2506.00011" }?["isRead"] as? Bool == true, "read papers stay, marked")
            #expect(read.first { ForYouFixture.id($0) == "2506.00012" }?["isRead"] as? Bool == false)
            #expect(try await ForYouFixture.api(client, "/api/papers/2506.00011/read", token: token, method: .delete).status == .noContent)
            #expect(try await fx.community.markedPapers(.read, userID: grace.id, limit: 5).isEmpty)

            for uri in ["/api/papers/2506.09999/not-interested", "/api/papers/nonsense/read", "/api/papers/2506.09999/read"] {
                let r = try await ForYouFixture.api(client, uri, token: token, method: .post)
                #expect(r.status == .notFound, "\(uri)")
                #expect((try r.json() as? [String: Any])?["error"] is String)
            }
        }
    }
}

import Foundation
import Hummingbird
import HummingbirdTesting
import PaperboyCore
import PaperboyStore
import Testing
@testable import PaperboyWeb

@Suite("Upvotes and API tokens")
struct UpvoteTests {
    static let paper = PaperID(unchecked: "2506.00001")   // 10 imported upvotes

    static func state(_ json: String) throws -> UpvoteState {
        try JSONDecoder().decode(UpvoteState.self, from: Data(json.utf8))
    }

    @Test func formToggleIsConsistentEverywhere() async throws {
        let fx = try await CommunityFixture.make()
        try await fx.user("grace")
        try await fx.withApp { client in
            let b = Browser(client)
            try await b.signIn("grace")
            let csrf = try await b.csrf()
            let r = try await b.post("/papers/upvote", [("_csrf", csrf), ("paper", "2506.00001"), ("back", "/papers/date/2025-06-02")])
            #expect(r.status == .seeOther && r.location == "/papers/date/2025-06-02")
            let day = try await b.get("/papers/date/2025-06-02")
            #expect(day.text.contains("class=\"votes on\""))
            #expect(day.text.contains("<span class=\"count\">11</span>"))
            let page = try await b.get("/papers/2506.00001")
            #expect(page.text.contains("<span class=\"count\">11</span>"))
            let api = try await b.get("/api/papers/2506.00001")
            #expect(api.text.contains("\"upvotes\":11"))
            let feed = try await b.get("/api/daily_papers?date=2025-06-02")
            #expect(feed.text.contains("\"upvotes\":11"))
            let profile = try await b.get("/grace")
            #expect(profile.text.contains("Sparse attention"))
            // The enhancing script asks for JSON.
            let json = try await b.post("/papers/upvote", [("_csrf", csrf), ("paper", "2506.00001")],
                                        headers: [.accept: "application/json"])
            #expect(try Self.state(json.text) == UpvoteState(upvotes: 10, upvoted: false))
            // Anonymous visitors are sent to sign in; the script gets a 401.
            let anon = Browser(client)
            let token = try #require(try await anon.get("/signin").csrf)
            #expect(try await anon.post("/papers/upvote", [("_csrf", token), ("paper", "2506.00001")]).location?
                .hasPrefix("/signin") == true)
            #expect(try await anon.post("/papers/upvote", [("_csrf", token), ("paper", "2506.00001")],
                                        headers: [.accept: "application/json"]).status == .unauthorized)
            let missing = try await b.post("/papers/upvote", [("_csrf", csrf), ("paper", "2506.09999")])
            #expect(missing.status == .notFound, "\(missing.status) \(missing.text.prefix(300))")
        }
    }

    @Test func apiUpvoteNeedsAValidBearerToken() async throws {
        let fx = try await CommunityFixture.make()
        let grace = try await fx.user("grace")
        let made = try await APITokens.create(for: grace, label: "test", store: fx.accounts, at: fx.clock.now)
        try await fx.withApp { client in
            func call(_ method: HTTPRequest.Method, _ auth: String?) async throws -> TestResponse {
                var headers: HTTPFields = [:]
                if let auth { headers[.authorization] = auth }
                return try await client.executeRequest(uri: "/api/papers/2506.00001/upvote", method: method,
                                                       headers: headers, body: nil)
            }
            let none = try await call(.post, nil)
            #expect(none.status == .unauthorized)
            #expect(none.headers[.wwwAuthenticate] == "Bearer")
            #expect(try await call(.post, "Bearer pb_not-a-real-token").status == .unauthorized)
            #expect(try await call(.post, "Basic Z3JhY2U6eA==").status == .unauthorized)
            let on = try await call(.post, "Bearer \(made.secret)")
            #expect(on.status == .ok)
            #expect(try Self.state(String(buffer: on.body)) == UpvoteState(upvotes: 11, upvoted: true))
            #expect(try Self.state(String(buffer: try await call(.post, "Bearer \(made.secret)").body)) == UpvoteState(upvotes: 11, upvoted: true))
            #expect(try Self.state(String(buffer: try await call(.delete, "Bearer \(made.secret)").body)) == UpvoteState(upvotes: 10, upvoted: false))
            #expect(try Self.state(String(buffer: try await call(.delete, "Bearer \(made.secret)").body)) == UpvoteState(upvotes: 10, upvoted: false))
            // A revoked token stops working.
            try await fx.accounts.revokeToken(id: made.token.id, userID: grace.id)
            #expect(try await call(.post, "Bearer \(made.secret)").status == .unauthorized)
            // The token is stored only as its SHA-256.
            let stored = try await fx.accounts.tokens(userID: grace.id)
            #expect(stored.isEmpty)
        }
    }

    @Test func moderatorOnlyBearerMiddlewareAnswers403() async throws {
        let fx = try await CommunityFixture.make()
        let grace = try await fx.user("grace")
        let mod = try await fx.user("mod", moderator: true)
        let graceToken = try await APITokens.create(for: grace, label: "", store: fx.accounts, at: fx.clock.now).secret
        let modToken = try await APITokens.create(for: mod, label: "", store: fx.accounts, at: fx.clock.now).secret
        let router = Router(context: AppRequestContext.self)
        router.group("/api/papers/index")
            .add(middleware: BearerAuthMiddleware<AppRequestContext>(store: fx.accounts, requireModerator: true))
            .post { _, context in context.tokenUser?.username ?? "" }
        try await Application(router: router).test(.router) { client in
            let r1 = try await client.executeRequest(uri: "/api/papers/index", method: .post,
                                                     headers: [.authorization: "Bearer \(graceToken)"], body: nil)
            #expect(r1.status == .forbidden)
            let r2 = try await client.executeRequest(uri: "/api/papers/index", method: .post,
                                                     headers: [.authorization: "Bearer \(modToken)"], body: nil)
            #expect(r2.status == .ok && String(buffer: r2.body) == "mod")
        }
    }

    @Test func tokensAreCreatedShownOnceAndRevokedFromSettings() async throws {
        let fx = try await CommunityFixture.make()
        try await fx.user("grace")
        try await fx.withApp { client in
            let b = Browser(client)
            try await b.signIn("grace")
            let csrf = try await b.csrf()
            let made = try await b.post("/settings/tokens", [("_csrf", csrf), ("label", "laptop")])
            #expect(made.status == .ok)
            let secret = try #require(made.text.range(of: "<code>pb_").map { r in
                String(made.text[r.lowerBound...].dropFirst(6).prefix { $0 != "<" })
            })
            #expect(secret.hasPrefix("pb_") && secret.count > 40)
            let again = try await b.get("/settings")
            #expect(again.text.contains("laptop") && !again.text.contains(secret))
            let r = try await client.executeRequest(uri: "/api/papers/2506.00002/upvote", method: .post,
                                                    headers: [.authorization: "Bearer \(secret)"], body: nil)
            #expect(r.status == .ok)
            let id = try #require(try await fx.accounts.tokens(userID: 1).first?.id)
            #expect(try await b.post("/settings/tokens/revoke", [("_csrf", csrf), ("token", "\(id)")]).status == .seeOther)
            let after = try await client.executeRequest(uri: "/api/papers/2506.00002/upvote", method: .post,
                                                        headers: [.authorization: "Bearer \(secret)"], body: nil)
            #expect(after.status == .unauthorized)
        }
    }

    /// 20 users × 10 toggles each = 200 concurrent requests through the router: 7 on one paper and 3 on another per
    /// user, all at once. Odd counts, so every user ends up having upvoted both: exactly +20 on each.
    @Test func twoHundredConcurrentTogglesGiveExactCounts() async throws {
        let fx = try await CommunityFixture.make()
        var sessions: [(id: String, csrf: String)] = []
        for i in 0..<20 {
            let user = try await fx.user("voter\(i)")
            let id = SessionLayer.randomToken(), csrf = SessionLayer.randomToken()
            try await fx.accounts.putSessionRecord(
                key: SessionLayer.keyPrefix + id, value: try JSONEncoder().encode(WebSession(userID: user.id, csrf: csrf)),
                expiresAt: fx.clock.now.addingTimeInterval(3600), onlyIfAbsent: true, now: fx.clock.now)
            sessions.append((id, csrf))
        }
        let plan = sessions.flatMap { s in
            Array(repeating: (s, "2506.00001"), count: 7) + Array(repeating: (s, "2506.00002"), count: 3)
        }.shuffled()
        #expect(plan.count == 200)
        try await fx.withApp { client in
            let results = try await withThrowingTaskGroup(of: (String, HTTPResponse.Status).self) { group in
                for (session, paper) in plan {
                    group.addTask {
                        let body = "_csrf=\(session.csrf)&paper=\(paper)"
                        let r = try await client.executeRequest(
                            uri: "/papers/upvote", method: .post,
                            headers: [.cookie: "\(SessionLayer.cookieName)=\(session.id)", .accept: "application/json",
                                      .contentType: "application/x-www-form-urlencoded"],
                            body: ByteBuffer(string: body))
                        return (paper, r.status)
                    }
                }
                var all: [(String, HTTPResponse.Status)] = []
                for try await r in group { all.append(r) }
                return all
            }
            #expect(results.count == 200)
            #expect(results.allSatisfy { $0.1 == .ok })
            let a = try #require(try await fx.papers.paper(PaperID(unchecked: "2506.00001")))
            let b = try #require(try await fx.papers.paper(PaperID(unchecked: "2506.00002")))
            #expect(a.upvotes == 10 + 20)
            #expect(b.upvotes == 30 + 20)
            for user in 1...20 {
                let votes = try await fx.community.upvoted(userID: Int64(user), among: [a.paper.id, b.paper.id])
                #expect(votes.count == 2)
            }
        }
    }
}

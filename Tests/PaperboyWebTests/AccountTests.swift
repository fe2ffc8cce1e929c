import Foundation
import Hummingbird
import HummingbirdTesting
import PaperboyCore
import PaperboyStore
import Testing
@testable import PaperboyWeb

@Suite("Accounts and sessions")
struct AccountTests {
    @Test func signUpSignsInAndSignOutEnds() async throws {
        let fx = try await CommunityFixture.make()
        try await fx.withApp { client in
            let b = Browser(client)
            let form = try await b.get("/signup")
            #expect(form.status == .ok)
            let anonymous = try #require(b.sessionID)
            let made = try await b.post("/signup", [("_csrf", form.csrf ?? ""), ("username", "ada_l"),
                                                    ("email", " Ada@Example.ORG "), ("password", "analytical engine"),
                                                    ("password2", "analytical engine")])
            #expect(made.status == .seeOther)
            #expect(made.location == "/ada_l")
            #expect(b.sessionID != anonymous)            // rotated at sign-in
            let home = try await b.get("/")
            #expect(home.text.contains("href=\"/ada_l\""))
            #expect(home.text.contains("action=\"/signout\""))
            let stored = try #require(try await fx.accounts.user(username: "ADA_L"))
            #expect(stored.email == "ada@example.org")
            // The old anonymous session id is dead: presenting it again is an anonymous visit.
            let other = Browser(client)
            other.setCookie(SessionLayer.cookieName, anonymous)
            #expect(!(try await other.get("/")).text.contains("action=\"/signout\""))
            // Sign out, then sign in again with the password.
            let out = try await b.post("/signout", [("_csrf", home.csrf ?? "")])
            #expect(out.status == .seeOther)
            #expect(!(try await b.get("/")).text.contains("action=\"/signout\""))
            let back = try await b.signIn("ada@example.org", password: "analytical engine")
            #expect(back.status == .seeOther)
            #expect((try await b.get("/")).text.contains("href=\"/ada_l\""))
        }
    }

    @Test func sessionCookieIsHttpOnlyLaxAndSecureWhenAsked() async throws {
        let fx = try await CommunityFixture.make()
        try await fx.user("grace")
        try await fx.withApp(configure: { $0.secureCookies = true }) { client in
            let r = try await client.executeRequest(uri: "/signin", method: .get, headers: [:], body: nil)
            let cookie = try #require(r.headers[values: .setCookie].first { $0.hasPrefix(SessionLayer.cookieName + "=") })
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            #expect(cookie.contains("Secure"))
            #expect(r.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
            #expect(r.headers[.init("X-Frame-Options")!] == "DENY")
            #expect(r.headers[.xContentTypeOptions] == "nosniff")
            #expect(r.headers[.init("Referrer-Policy")!] != nil)
        }
    }

    @Test func signUpRefusesBadAndTakenNames() async throws {
        let fx = try await CommunityFixture.make()
        try await fx.user("grace")
        try await fx.withApp { client in
            let b = Browser(client)
            let csrf = try #require(try await b.get("/signup").csrf)
            func signUp(_ name: String, _ email: String, _ password: String = "long enough pw") async throws -> Browser.Page {
                try await b.post("/signup", [("_csrf", csrf), ("username", name), ("email", email), ("password", password),
                                             ("password2", password)])
            }
            for bad in ["a", "x".padding(toLength: 33, withPad: "x", startingAt: 0), "-dash", "has space", "ünï", "api",
                        "Settings", "papers"] {
                let r = try await signUp(bad, "\(UUID().uuidString.prefix(8))@example.org")
                #expect(r.status == .badRequest, "\(bad)")
            }
            #expect(try await signUp("GRACE", "other@example.org").status == .conflict)
            #expect(try await signUp("newbie", "Grace@Example.org").status == .conflict)
            #expect(try await signUp("newbie", "not-an-email").status == .badRequest)
            #expect(try await signUp("newbie", "n@example.org", "short").status == .badRequest)
        }
    }

    @Test func wrongPasswordAndUnknownUserGetTheSameMessage() async throws {
        let fx = try await CommunityFixture.make()
        try await fx.user("grace")
        try await fx.withApp { client in
            let b = Browser(client)
            let wrong = try await b.signIn("grace", password: "nope nope nope")
            let unknown = try await b.signIn("nobody", password: "nope nope nope")
            #expect(wrong.status == .unauthorized && unknown.status == .unauthorized)
            #expect(wrong.text.contains("Wrong username or password."))
            #expect(unknown.text.contains("Wrong username or password."))
            #expect(try await b.signIn("grace").status == .seeOther)
        }
    }

    @Test func signInIsThrottledPerAccount() async throws {
        let fx = try await CommunityFixture.make()
        try await fx.user("grace")
        try await fx.withApp { client in
            let b = Browser(client)
            for _ in 0..<10 { #expect(try await b.signIn("grace", password: "guess guess").status == .unauthorized) }
            let blocked = try await b.signIn("grace")       // right password, but throttled
            #expect(blocked.status == .tooManyRequests)
            #expect(blocked.text.contains("Too many failed sign-ins"))
            fx.clock.advance(15 * 60 + 1)
            #expect(try await b.signIn("grace").status == .seeOther)
        }
    }

    /// Over a real socket (the peer address is known): 10 failures from one IP, spread over accounts, block the IP.
    @Test func signInIsThrottledPerIPAddress() async throws {
        let fx = try await CommunityFixture.make()
        try await fx.user("grace")
        try await fx.withApp(live: true) { client in
            let b = Browser(client)
            for i in 0..<10 {
                #expect(try await b.signIn("someone\(i)", password: "guess guess").status == .unauthorized)
            }
            let blocked = try await b.signIn("grace")
            #expect(blocked.status == .tooManyRequests)
            #expect(blocked.headers[.cacheControl] == "private, no-store")
        }
    }

    @Test func postsWithoutTheCSRFTokenAreRefused() async throws {
        let fx = try await CommunityFixture.make()
        try await fx.user("grace")
        try await fx.withApp { client in
            let b = Browser(client)
            // No session at all.
            #expect(try await b.post("/signin", [("login", "grace"), ("password", CommunityFixture.password)]).status == .forbidden)
            try await b.signIn("grace")
            #expect(try await b.post("/papers/upvote", [("paper", "2506.00001")]).status == .forbidden)
            #expect(try await b.post("/papers/upvote", [("paper", "2506.00001"), ("_csrf", "forged")]).status == .forbidden)
            #expect(try await b.post("/signout", []).status == .forbidden)
            #expect(try await fx.papers.paper(PaperID(unchecked: "2506.00001"))?.upvotes == 10)
            let token = try await b.csrf()
            #expect(try await b.post("/papers/upvote", [("paper", "2506.00001"), ("_csrf", token)]).status == .seeOther)
            #expect(try await fx.papers.paper(PaperID(unchecked: "2506.00001"))?.upvotes == 11)
        }
    }

    @Test func expiredSessionsAreAnonymous() async throws {
        let fx = try await CommunityFixture.make()
        try await fx.user("grace")
        try await fx.withApp { client in
            let b = Browser(client)
            try await b.signIn("grace")
            let csrf = try await b.csrf()
            fx.clock.advance(31 * 86_400)
            #expect(!(try await b.get("/")).text.contains("action=\"/signout\""))
            #expect(try await b.get("/settings").location?.hasPrefix("/signin") == true)
            #expect(try await b.post("/papers/upvote", [("paper", "2506.00001"), ("_csrf", csrf)]).status == .forbidden)
        }
    }

    @Test func passwordChangeNeedsTheCurrentPassword() async throws {
        let fx = try await CommunityFixture.make()
        try await fx.user("grace")
        try await fx.withApp { client in
            let b = Browser(client)
            try await b.signIn("grace")
            let csrf = try await b.csrf()
            let bad = try await b.post("/settings/password", [("_csrf", csrf), ("current", "wrong one"),
                                                              ("password", "a new password"), ("password2", "a new password")])
            #expect(bad.status == .unauthorized)
            let ok = try await b.post("/settings/password", [("_csrf", csrf), ("current", CommunityFixture.password),
                                                             ("password", "a new password"), ("password2", "a new password")])
            #expect(ok.status == .ok && ok.text.contains("Your password was changed."))
            let other = Browser(client)
            #expect(try await other.signIn("grace").status == .unauthorized)
            #expect(try await other.signIn("grace", password: "a new password").status == .seeOther)
        }
    }

    @Test func redirectsAfterSignInStayOnTheSite() {
        #expect(Redirect.safeLocalPath("/papers/1") == "/papers/1")
        #expect(Redirect.safeLocalPath("//evil.example") == nil)
        #expect(Redirect.safeLocalPath("/\\evil.example") == nil)
        #expect(Redirect.safeLocalPath("https://evil.example") == nil)
    }
}

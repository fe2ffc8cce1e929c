import Foundation
import Hummingbird
import HummingbirdTesting
import PaperboyCore
import PaperboyDelivery
import PaperboyMail
import PaperboyStore
import Testing
@testable import PaperboyWeb

@Suite("Magic-link sign-in through the dev outbox")
struct MagicLinkTests {
    func withApp(_ body: @Sendable (Browser, CommunityFixture) async throws -> Void) async throws {
        let fx = try await CommunityFixture.make()
        try await fx.withApp(configure: {
            $0.delivery = DeliveryConfiguration(from: MailAddress("auth@example.org"), baseURL: "https://papers.example.org",
                                                secret: "magic-link-test-secret-123", devOutbox: true)
        }) { client in try await body(Browser(client), fx) }
    }

    func link(_ store: any DeliveryStore) async throws -> String {
        let mail = try #require(try await store.outbox(limit: 1).first)
        let text = try #require(mail.textBody)
        let start = try #require(text.range(of: "https://papers.example.org"))
        let url = text[start.upperBound...].prefix { !$0.isWhitespace }
        return String(url)
    }

    @Test func aLinkSignsInOnceAndOnlyItsOwner() async throws {
        try await withApp { browser, fx in
            try await fx.user("ada")
            let asked = try await browser.post("/signin/email", [("email", "ADA@example.org")])
            #expect(asked.status == .ok && asked.text.contains("If an account uses ada@example.org"))
            let mail = try #require(try await fx.stores.delivery.outbox(limit: 1).first)
            #expect(mail.recipients == ["ada@example.org"] && mail.subject.contains("sign-in link"))
            let path = try await link(fx.stores.delivery)
            #expect(path.hasPrefix("/signin/email/verify?token="))

            let before = browser.sessionID
            let signedIn = try await browser.get(path)
            #expect(signedIn.status == .seeOther || signedIn.status == .found)
            #expect(browser.sessionID != nil && browser.sessionID != before)
            #expect(try await browser.get("/settings").text.contains("ada"))

            // Single use; a tampered token is refused.
            let again = try await Browser(browser.client).get(path)
            #expect(again.status == .badRequest && again.text.contains("already used"))
            let tampered = try await Browser(browser.client).get(path.replacingOccurrences(of: "token=", with: "token=x"))
            #expect(tampered.status == .badRequest)
        }
    }

    @Test func unknownAddressesGetTheSameAnswerAndNoMail() async throws {
        try await withApp { browser, fx in
            let asked = try await browser.post("/signin/email", [("email", "nobody@example.org")])
            #expect(asked.status == .ok && asked.text.contains("If an account uses nobody@example.org"))
            #expect(try await fx.stores.delivery.outbox(limit: 5).isEmpty)
            #expect(try await browser.post("/signin/email", [("email", "not an address")]).status == .badRequest)
        }
    }

    @Test func linksExpireAndAreThrottled() async throws {
        try await withApp { browser, fx in
            try await fx.user("grace")
            _ = try await browser.post("/signin/email", [("email", "grace@example.org")])
            let path = try await link(fx.stores.delivery)
            for _ in 0..<2 { _ = try await browser.post("/signin/email", [("email", "grace@example.org")]) }
            let throttled = try await browser.post("/signin/email", [("email", "grace@example.org")])
            #expect(throttled.status == .tooManyRequests)
            fx.clock.advance(SignInLinks.lifetime + 1)
            let expired = try await browser.get(path)
            #expect(expired.status == .badRequest && expired.text.contains("expired"))
        }
    }
}

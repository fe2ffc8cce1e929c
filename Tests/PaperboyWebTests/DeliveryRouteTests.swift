import Foundation
import Hummingbird
import HummingbirdTesting
import PaperboyCatalog
import PaperboyConfig
import PaperboyCore
import PaperboyDelivery
import PaperboyMail
import PaperboyStore
import Testing
@testable import PaperboyWeb

@Suite("Subscriptions, one-click unsubscribe, dev outbox and feeds through the router")
struct DeliveryRouteTests {
    static let signer = try! TokenSigner(secret: "router-test-secret-0123456789")

    static func withApp(devOutbox: Bool = true,
                        _ body: @Sendable (any TestClientProtocol, any DeliveryStore) async throws -> Void) async throws {
        var site = try await TestSite.make()
        site.configuration.delivery = DeliveryConfiguration(from: MailAddress("digest@example.org"),
                                                            baseURL: "https://papers.example.org/",
                                                            secret: "router-test-secret-0123456789", devOutbox: devOutbox)
        let delivery = site.stores.delivery
        try await site.withApp { client in try await body(client, delivery) }
    }

    static func form(_ fields: [String: String]) -> ByteBuffer {
        ByteBuffer(string: fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
            .joined(separator: "&"))
    }

    static let formHeaders: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    @Test func doubleOptInThenOneClickUnsubscribe() async throws {
        try await Self.withApp { client, store in
            try await client.execute(uri: "/subscribe", method: .post, headers: Self.formHeaders,
                                     body: Self.form(["email": " Ada@Example.org ", "frequency": "weekly"])) { r in
                #expect(r.status == .ok)
                #expect(r.text.contains("Check your inbox"))
            }
            #expect(try await store.subscriber(email: "ada@example.org")?.status == .pending)
            let mail = try #require(try await store.outbox(limit: 1).first)
            #expect(mail.recipients == ["ada@example.org"] && mail.subject.contains("Confirm"))
            let text = try #require(mail.textBody)
            let link = try #require(text.split(separator: "\n").first { $0.hasPrefix("Confirm: ") }).dropFirst("Confirm: ".count)
            let path = String(link.dropFirst("https://papers.example.org".count))
            try await client.execute(uri: path, method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.text.contains("Subscription confirmed"))
            }
            let subscriber = try #require(try await store.subscriber(email: "ada@example.org"))
            #expect(subscriber.status == .confirmed && subscriber.frequency == .weekly)

            // One-click unsubscribe (RFC 8058) with a digest's token; a forged address and a replay are refused.
            let token = Self.signer.sign(.unsubscribe, email: "ada@example.org", nonce: subscriber.nonce)
            let forged = Self.signer.sign(.unsubscribe, email: "grace@example.org", nonce: subscriber.nonce)
            try await client.execute(uri: "/unsubscribe?token=\(forged)", method: .post, headers: Self.formHeaders,
                                     body: ByteBuffer(string: "List-Unsubscribe=One-Click")) { r in
                #expect(r.status == .badRequest)
            }
            try await client.execute(uri: "/unsubscribe?token=\(token)", method: .get) { r in
                #expect(r.status == .ok && r.text.contains("Unsubscribe ada@example.org"))
            }
            #expect(try await store.subscriber(email: "ada@example.org")?.status == .confirmed)   // GET changes nothing
            try await client.execute(uri: "/unsubscribe?token=\(token)", method: .post, headers: Self.formHeaders,
                                     body: ByteBuffer(string: "List-Unsubscribe=One-Click")) { r in
                #expect(r.status == .ok && r.text.contains("Unsubscribed"))
            }
            #expect(try await store.subscriber(email: "ada@example.org")?.status == .unsubscribed)
            try await client.execute(uri: "/unsubscribe?token=\(token)", method: .post, headers: Self.formHeaders,
                                     body: ByteBuffer(string: "List-Unsubscribe=One-Click")) { r in
                #expect(r.status == .badRequest)
                #expect(r.text.contains("no longer valid"))
            }
            try await client.execute(uri: "/unsubscribe?token=garbage", method: .post) { r in #expect(r.status == .badRequest) }
        }
    }

    @Test func badSubscriptionsGetClearMessages() async throws {
        try await Self.withApp { client, store in
            try await client.execute(uri: "/subscribe", method: .post, headers: Self.formHeaders,
                                     body: Self.form(["email": "<script>alert(1)</script>"])) { r in
                #expect(r.status == .badRequest)
                #expect(r.text.contains("is not an e-mail address") && !r.text.contains("<script>alert"))
            }
            try await client.execute(uri: "/subscribe", method: .post, headers: Self.formHeaders,
                                     body: Self.form(["email": "ada@example.org", "frequency": "hourly"])) { r in
                #expect(r.status == .badRequest)
            }
            try await client.execute(uri: "/subscribe/confirm?token=abc.def", method: .get) { r in
                #expect(r.status == .badRequest)
            }
            #expect(try await store.subscribers(status: nil, frequency: nil).isEmpty)
        }
    }

    @Test func devOutboxIsShownOnlyWhenEnabled() async throws {
        try await Self.withApp { client, _ in
            try await client.execute(uri: "/subscribe", method: .post, headers: Self.formHeaders,
                                     body: Self.form(["email": "zoe@example.org"])) { _ in }
            try await client.execute(uri: "/dev/mail", method: .get) { r in
                #expect(r.status == .ok && r.text.contains("Confirm your Paperboy subscription"))
            }
            try await client.execute(uri: "/dev/mail/1", method: .get) { r in
                #expect(r.status == .ok && r.text.contains("zoe@example.org"))
            }
            try await client.execute(uri: "/dev/mail/1/html", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.headers[.contentSecurityPolicy]?.contains("sandbox") == true)
            }
        }
        try await Self.withApp(devOutbox: false) { client, _ in
            try await client.execute(uri: "/dev/mail", method: .get) { r in #expect(r.status == .notFound) }
        }
    }

    @Test func feedsAreValidAndCacheable() async throws {
        try await Self.withApp { client, _ in
            for uri in ["/papers/feed.atom", "/papers/feed.rss", "/papers/trending/feed.atom", "/search/feed.rss?q=paper",
                        "/authors/Ada%20Lovelace/feed.atom", "/categories/cs.CL/feed.rss"] {
                var etag = ""
                try await client.execute(uri: uri, method: .get) { r in
                    #expect(r.status == .ok, "\(uri)")
                    #expect(r.headers[.contentType]?.contains(uri.contains(".rss") ? "rss+xml" : "atom+xml") == true, "\(uri)")
                    #expect(r.headers[.lastModified] != nil, "\(uri)")
                    etag = r.headers[.eTag] ?? ""
                    #expect(r.text.hasPrefix("<?xml"), "\(uri)")
                    #expect(!r.text.contains("<b>kernels"), "\(uri)")   // titles are escaped
                }
                try await client.execute(uri: uri, method: .get, headers: [.ifNoneMatch: etag]) { r in
                    #expect(r.status == .notModified, "\(uri)")
                    #expect(r.body.readableBytes == 0)
                }
            }
            try await client.execute(uri: "/search/feed.atom?q=sparse", method: .get) { r in
                #expect(r.text.contains("Sparse attention &lt;b&gt;kernels&lt;/b&gt; &amp; more"))
                #expect(r.text.contains("https://papers.example.org/papers/2506.00001"))
            }
            try await client.execute(uri: "/search/feed.atom", method: .get) { r in #expect(r.status == .badRequest) }
            try await client.execute(uri: "/categories/%3Cscript%3E/feed.rss", method: .get) { r in #expect(r.status == .badRequest) }
            try await client.execute(uri: "/", method: .get) { r in
                #expect(r.text.contains("<link rel=\"alternate\" type=\"application/atom+xml\" href=\"/papers/feed.atom\""))
                #expect(r.text.contains("action=\"/subscribe\""))
            }
        }
    }
}

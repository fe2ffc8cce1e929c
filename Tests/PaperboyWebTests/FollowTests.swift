import Foundation
import Hummingbird
import HummingbirdTesting
import PaperboyCatalog
import PaperboyCore
import PaperboyDelivery
import PaperboyMail
import PaperboyStore
import Testing
@testable import PaperboyWeb

@Suite("Follows, saved searches and the personal part of the digest")
struct FollowTests {
    @Test func followsFromPagesShowInSettingsAndPersonaliseTheDigest() async throws {
        let fx = try await CommunityFixture.make()
        let delivery = DeliveryConfiguration(from: MailAddress("digest@example.org"), baseURL: "https://papers.example.org",
                                             secret: "follow-test-secret-0123456789", devOutbox: true)
        let signer = try TokenSigner(secret: "follow-test-secret-0123456789")
        let composer = delivery.composer()
        // The digest below searches the same index the app serves.
        let catalog = try await SearchCatalog.open(store: fx.papers, embeddings: fx.stores.embeddings, directory: nil)
        try await fx.withApp(configure: { $0.delivery = delivery }) { client in
            let browser = Browser(client)
            try await fx.user("ada")
            try await browser.signIn("ada")
            let search = try await browser.get("/search?q=sparse")
            #expect(search.text.contains("Save this search for my digest"))
            let csrf = try #require(search.csrf)
            for (kind, value) in [("search", "sparse"), ("search", "cat:cs.CL"), ("author", "Grace Hopper")] {
                let r = try await browser.post("/follow", [("_csrf", csrf), ("kind", kind), ("value", value)])
                #expect(r.status == .seeOther || r.status == .found, "\(kind) \(value)")
            }
            #expect(try await browser.post("/follow", [("kind", "author"), ("value", "x")]).status == .forbidden)   // no CSRF
            #expect(try await browser.post("/follow", [("_csrf", csrf), ("kind", "planet"), ("value", "x")]).status == .badRequest)
            let settings = try await browser.get("/settings/email")
            #expect(settings.text.contains("Saved search: sparse") && settings.text.contains("New in cs.CL")
                    && settings.text.contains("Papers by Grace Hopper"))
            #expect(try await browser.post("/settings/email", [("_csrf", csrf), ("action", "subscribe"), ("frequency", "daily")]).status == .ok)
            #expect(try await fx.stores.delivery.subscriber(email: "ada@example.org")?.status == .confirmed)

            // The digest of 2025-06-03 lists that day's paper, then the followed ones of the week before.
            let transport = MailerTransport(mailer: OutboxMailer(store: fx.stores.delivery))
            let sender = DigestSender(papers: fx.papers, delivery: fx.stores.delivery, composer: composer, signer: signer,
                                      personal: FollowedPapers(catalog: catalog, store: fx.stores.delivery), makeTransport: { transport })
            let report = try await sender.run(DigestPeriod.current(.daily, on: try Day(parsing: "2025-06-03")), now: WebFixture.clock)
            #expect(report.sent == 1)
            let mail = try #require(try await fx.stores.delivery.outbox(limit: 1).first)
            let text = try #require(mail.textBody)
            #expect(text.contains("Daily papers of Jun 3, 2025 — Paperboy\n\n1. Third paper"))
            // Follows in order (same time: by kind, then value); a paper shows once in the whole digest.
            #expect(text.contains("Papers by Grace Hopper\n\n1. Sparse attention <b>kernels</b> & more"))
            for title in ["Third paper", "Sparse attention", "Mixture of experts", "Next week paper"] {
                #expect(text.components(separatedBy: title).count == 2, "\(title)")
            }
            #expect(try #require(mail.htmlBody).contains("Papers by Grace Hopper"))

            // Unfollowing removes it.
            _ = try await browser.post("/follow", [("_csrf", csrf), ("kind", "search"), ("value", "sparse"), ("on", "0")])
            #expect(try await fx.stores.delivery.follows(email: "ada@example.org").count == 2)
        }
    }
}

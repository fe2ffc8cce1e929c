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

@Suite("For you: Undo, the private feed and the digest section")
struct ForYouFeedAndDigestTests {
    @Test func notInterestedOnThePageLeavesItWithAnUndo() async throws {
        let fx = try await ForYouFixture.make()
        let grace = try await fx.user("grace")
        try await fx.withApp { client in
            let g = try await ForYouFixture.browser(client, "grace")
            let page = try await g.get("/papers/for-you")
            #expect(ForYouFixture.cardIDs(page.text).contains("2506.00010"))
            #expect(page.text.contains("<input type=\"hidden\" name=\"back\" value=\"/papers/for-you\">"))
            let csrf = try #require(page.csrf)
            let off = try await g.post("/papers/2506.00010/not-interested", [("_csrf", csrf), ("back", "/papers/for-you")])
            #expect(off.status == .seeOther && off.location == "/papers/for-you?undo=2506.00010")
            let after = try await g.get(try #require(off.location))
            #expect(!ForYouFixture.cardIDs(after.text).contains("2506.00010"))
            #expect(after.text.contains("“Vision transformers at scale” will not be recommended again."))
            #expect(after.text.contains("action=\"/papers/2506.00010/not-interested\""))
            let undo = try await g.post("/papers/2506.00010/not-interested", [("_csrf", csrf), ("on", "0"), ("back", "/papers/for-you")])
            #expect(undo.location == "/papers/for-you#paper-2506.00010")
            #expect(ForYouFixture.cardIDs(try await g.get("/papers/for-you").text).contains("2506.00010"))
            #expect(try await fx.community.markedPapers(.notInterested, userID: grace.id, limit: 5).isEmpty)
        }
    }

    @Test func thePrivateFeedAnswersTheRightTokenOnly() async throws {
        let fx = try await ForYouFixture.make()
        let grace = try await fx.user("grace")
        try await fx.user("alan")
        _ = try await fx.community.setUpvote(userID: grace.id, paperID: PaperID(unchecked: "2506.00013"), to: true, at: fx.clock.now)
        try await fx.withApp { client in
            let g = try await ForYouFixture.browser(client, "grace"), a = try await ForYouFixture.browser(client, "alan")
            let base = "https://papers.example.org"
            /// The path of the first feed link on a page, with its extension replaced by `ext`.
            func feedPath(_ page: Browser.Page, _ ext: String) throws -> String {
                let start = try #require(page.text.range(of: "href=\"\(base)/feeds/for-you/"))
                let file = page.text[start.upperBound...].prefix { $0 != "\"" }
                let token = try #require(file.range(of: ".", options: .backwards).map { file[..<$0.lowerBound] })
                return "/feeds/for-you/\(token).\(ext)"
            }
            let settings = try await g.get("/settings")
            #expect(settings.text.contains("Your “For you” feed"))
            let atom = try feedPath(settings, "atom"), rss = try feedPath(settings, "rss")
            #expect(try await g.get("/papers/for-you").text.contains("href=\"\(base)\(atom)\""), "the page links the same feed")

            let anon = Browser(client)   // a feed reader: no cookie, the token is the credential
            let feed = try await anon.get(atom)
            #expect(feed.status == .ok)
            #expect(feed.headers[.contentType]?.hasPrefix("application/atom+xml") == true)
            #expect(feed.headers[.cacheControl] == "private, no-cache")
            #expect(feed.text.contains("By Noam Parser, whose papers you liked. "))
            #expect(feed.text.contains(">Parsing with grammars</title>") && feed.text.contains("For grace"))
            let etag = try #require(feed.headers[.eTag])
            #expect(try await anon.get(atom, headers: [.ifNoneMatch: etag]).status == .notModified)
            let rssFeed = try await anon.get(rss)
            #expect(rssFeed.status == .ok && rssFeed.text.contains("<rss") && rssFeed.text.contains("whose papers you liked"))

            // Wrong tokens are unknown pages: a flipped byte, another purpose under the same secret, no such user.
            let token = String(atom.dropFirst("/feeds/for-you/".count).dropLast(".atom".count))
            let flipped = String(token.dropLast()) + (token.last == "A" ? "B" : "A")
            let signer = try TokenSigner(secret: "web-test-secret-0123456789")
            for bad in ["/feeds/for-you/\(flipped).atom", "/feeds/for-you/\(token).xml", "/feeds/for-you/\(token)",
                        "/feeds/for-you/\(signer.sign(.unsubscribe, email: "\(grace.id)", nonce: PrivateFeedLinks.nonce)).atom",
                        "/feeds/for-you/\(signer.sign(.feed, email: "99", nonce: PrivateFeedLinks.nonce)).atom",
                        "/feeds/for-you/\(signer.sign(.feed, email: "\(grace.id)", nonce: "other")).rss"] {
                #expect(try await anon.get(bad).status == .notFound, "\(bad)")
            }
            // Alan's own link gives his (cold-start) feed, not grace's.
            let alans = try await anon.get(try feedPath(try await a.get("/settings"), "atom"))
            #expect(alans.status == .ok && alans.text.contains("For alan") && !alans.text.contains("whose papers you liked"))
        }
    }

    @Test func theDigestHasAForYouSectionForReadersWithSignalsOnly() async throws {
        let fx = try await ForYouFixture.make()
        let ada = try await fx.user("ada")
        try await fx.user("bob")
        let now = fx.clock.now
        _ = try await fx.community.setUpvote(userID: ada.id, paperID: PaperID(unchecked: "2506.00013"), to: true, at: now)
        for name in ["ada", "bob"] {
            _ = try await fx.stores.delivery.addConfirmed(email: "\(name)@example.org", frequency: .weekly, now: now)
        }
        let catalog = try await SearchCatalog.open(store: fx.papers, embeddings: fx.stores.embeddings, directory: nil)
        let delivery = DeliveryConfiguration(from: MailAddress("digest@example.org"), baseURL: "https://papers.example.org",
                                             secret: "digest-test-secret-0123456789", devOutbox: true)
        let transport = MailerTransport(mailer: OutboxMailer(store: fx.stores.delivery))
        let personal = FollowedPapers(catalog: catalog, store: fx.stores.delivery,
                                      forYou: ForYouDigest(stores: fx.stores, catalog: catalog))
        let sender = DigestSender(papers: fx.papers, delivery: fx.stores.delivery, composer: delivery.composer(),
                                  signer: try TokenSigner(secret: "digest-test-secret-0123456789"), papersPerDigest: 2,
                                  personal: personal, makeTransport: { transport })
        // The weekly digest sent on Monday 2025-06-16 covers 2025-W24.
        let report = try await sender.run(DigestPeriod.current(.weekly, on: try Day(parsing: "2025-06-16")), now: now)
        #expect(report.sent == 2)
        let mails = try await fx.stores.delivery.outbox(limit: 5)
        let adas = try #require(mails.first { $0.recipients == ["ada@example.org"] })
        let bobs = try #require(mails.first { $0.recipients == ["bob@example.org"] })
        let text = try #require(adas.textBody)
        // The main list (2 papers) first; then "For you" without them, each paper with its why-line.
        #expect(text.contains("1. Vision transformers at scale") && text.contains("2. Robot grasping"))
        #expect(text.contains("For you\n\n1. Parsing with grammars\n   By Noam Parser, whose papers you liked\n"))
        #expect(text.components(separatedBy: "Vision transformers at scale").count == 2, "a paper shows once")
        #expect(try #require(adas.htmlBody).contains("By Noam Parser, whose papers you liked</p>"))
        #expect(!(bobs.textBody ?? "").contains("For you"), "no section for a cold-start reader")
        #expect(!(bobs.htmlBody ?? "").contains("For you"))
    }
}

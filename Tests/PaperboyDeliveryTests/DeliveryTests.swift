import Foundation
import PaperboyCore
import PaperboyDelivery
import PaperboyMail
import PaperboyStore
import Testing

@Suite("Signed tokens")
struct TokenSignerTests {
    let signer = try! TokenSigner(secret: "0123456789abcdef-test-secret")
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func roundTripsAndBindsPurposeAddressAndTime() throws {
        let token = signer.sign(.unsubscribe, email: "ada@example.org", nonce: "n1", expires: now.addingTimeInterval(60))
        let claims = try signer.verify(token, purpose: .unsubscribe, now: now)
        #expect(claims.email == "ada@example.org" && claims.nonce == "n1")
        #expect(throws: PaperboyError.self) { try signer.verify(token, purpose: .confirm, now: now) }
        #expect(throws: PaperboyError.self) { try signer.verify(token, purpose: .unsubscribe, now: now.addingTimeInterval(61)) }
        let other = try TokenSigner(secret: "another-secret-of-16+chars")
        #expect(throws: PaperboyError.self) { try other.verify(token, purpose: .unsubscribe, now: now) }
    }

    @Test func forgedTokensAreRefused() throws {
        let token = signer.sign(.unsubscribe, email: "ada@example.org", nonce: "n1")
        let parts = token.split(separator: ".").map(String.init)
        // Swap the address inside the payload and keep the MAC.
        let forgedPayload = Data("unsubscribe\ngrace@example.org\nn1\n0".utf8).base64EncodedString()
            .replacingOccurrences(of: "=", with: "").replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        for bad in [forgedPayload + "." + parts[1], parts[0] + ".AAAA", "", ".", "x.y.z", String(repeating: "A", count: 10_000)] {
            #expect(throws: PaperboyError.self) { try signer.verify(bad, purpose: .unsubscribe, now: now) }
        }
        #expect(throws: PaperboyError.self) { try TokenSigner(secret: "short") }
    }
}

/// A transport that fails for chosen addresses (5xx or 4xx) and records the rest.
final class RecordingTransport: MailTransport, @unchecked Sendable {
    let lock = NSLock()
    var delivered: [MailMessage] = []
    var permanent: Set<String> = []
    var transient: Set<String> = []

    func send(_ message: MailMessage) async throws -> DeliveryReport {
        let to = message.to[0].address
        if permanent.contains(to) { throw MailError(.permanentFailure, "550 no such user", smtpCode: 550) }
        if transient.contains(to) { throw MailError(.transientFailure, "451 try later", smtpCode: 451) }
        lock.withLock { delivered.append(message) }
        return DeliveryReport(messageID: message.messageID ?? "x", accepted: [to])
    }

    func close() async {}
    var recipients: [String] { lock.withLock { delivered.map { $0.to[0].address } } }
}

@Suite("Digest sending")
struct DigestSenderTests {
    let day = try! Day(parsing: "2025-06-03")   // a Tuesday

    func makeStore() async throws -> Stores {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("paperboy-digest-\(UUID().uuidString).sqlite").path
        let store = try Stores.sqlite(path: path)
        let papers = (1...12).map { i in
            Paper(id: PaperID(unchecked: "2506.000\(String(format: "%02d", i))"), title: "Paper <\(i)> & TeX $\\alpha$",
                  abstract: String(repeating: "Long abstract words. ", count: 30), authors: [Author(name: "Zoë Müller")],
                  categories: ["cs.LG"], importedUpvotes: i, source: "hf-daily", communityUpdatedAt: Date(timeIntervalSince1970: 0))
        }
        let entries = papers.enumerated().map { i, p in DailyEntry(day: day, paperID: p.id, position: i) }
        _ = try await store.papers.apply(ImportBatch(papers: papers, entries: entries))
        return store
    }

    func sender(_ store: Stores, _ transport: RecordingTransport) throws -> DigestSender {
        DigestSender(papers: store.papers, delivery: store.delivery,
                     composer: DigestComposer(baseURL: "https://papers.example.org", from: MailAddress("digest@example.org", name: "Paperboy")),
                     signer: try TokenSigner(secret: "0123456789abcdef-test-secret"), lanes: 3, makeTransport: { transport })
    }

    @Test func sendsOncePerSubscriberAndPeriodAndRetriesOnlyFailures() async throws {
        let store = try await makeStore()
        let now = Date(timeIntervalSince1970: day.secondsSinceEpoch + 8 * 3600)
        for i in 0..<20 { _ = try await store.delivery.addConfirmed(email: "user\(i)@example.org", frequency: .daily, now: now) }
        _ = try await store.delivery.addConfirmed(email: "weekly@example.org", frequency: .weekly, now: now)
        _ = try await store.delivery.subscribe(email: "pending@example.org", frequency: .daily, now: now)
        let transport = RecordingTransport()
        transport.permanent = ["user3@example.org"]
        transport.transient = ["user4@example.org"]
        let period = DigestPeriod.current(.daily, on: day)
        let first = try await sender(store, transport).run(period, now: now)
        #expect(first.subscribers == 20 && first.sent == 18 && first.failed == 2 && first.papers == 10)
        #expect(Set(transport.recipients).count == 18)
        #expect(!transport.recipients.contains("pending@example.org") && !transport.recipients.contains("weekly@example.org"))

        // A rerun sends nothing new: the transient failure waits for its retry time, the permanent one is not retried.
        let second = try await sender(store, transport).run(period, now: now)
        #expect(second.sent == 0 && second.skipped == 20)
        // After the retry time the transient failure goes out, once; the permanent one never.
        transport.transient = []
        transport.permanent = []
        let later = try await sender(store, transport).run(period, now: now.addingTimeInterval(DigestSender.retryDelay + 1))
        #expect(later.sent == 1 && later.skipped == 19)
        #expect(transport.recipients.count == 19 && transport.recipients.last == "user4@example.org")
        #expect(try await store.delivery.digestCounts(period: period.key) == ["sent": 19, "failed": 1])
    }

    @Test func addressesBounceAfterRepeatedPermanentFailures() async throws {
        let store = try await makeStore()
        let now = Date(timeIntervalSince1970: day.secondsSinceEpoch + 8 * 3600)
        _ = try await store.delivery.addConfirmed(email: "gone@example.org", frequency: .daily, now: now)
        let transport = RecordingTransport()
        transport.permanent = ["gone@example.org"]
        for offset in 0..<Subscriber.bounceLimit {
            _ = try await sender(store, transport).run(DigestPeriod.current(.daily, on: day.advanced(by: offset)), now: now)
        }
        #expect(try await store.delivery.subscriber(email: "gone@example.org")?.status == .bounced)
        let after = try await sender(store, transport).run(DigestPeriod.current(.daily, on: day.advanced(by: 5)), now: now)
        #expect(after.subscribers == 0)
    }

    @Test func theDigestHasBothPartsUnsubscribeHeadersAndEscapedTitles() async throws {
        let store = try await makeStore()
        let now = Date(timeIntervalSince1970: day.secondsSinceEpoch + 8 * 3600)
        let s = try await store.delivery.addConfirmed(email: "ada@example.org", frequency: .daily, now: now)
        let transport = RecordingTransport()
        _ = try await sender(store, transport).run(DigestPeriod.current(.daily, on: day), now: now)
        let message = try #require(transport.delivered.first)
        #expect(message.subject.hasPrefix("Daily papers of Jun 3, 2025: Paper <12>"))
        let html = try #require(message.htmlBody)
        let text = try #require(message.textBody)
        #expect(html.contains("Paper &lt;12&gt; &amp; TeX $\\alpha$") && !html.contains("Paper <12>"))
        #expect(text.contains("1. Paper <12> & TeX $\\alpha$") && text.contains("▲ 12"))
        #expect(html.contains("style=") && !html.contains("<img"))
        let unsubscribe = try #require(message.headers.first { $0.name == "List-Unsubscribe" }?.value)
        #expect(unsubscribe.hasPrefix("<https://papers.example.org/unsubscribe?token="))
        #expect(message.headers.contains { $0.name == "List-Unsubscribe-Post" && $0.value == "List-Unsubscribe=One-Click" })
        let token = String(unsubscribe.dropFirst("<https://papers.example.org/unsubscribe?token=".count).dropLast())
        let claims = try TokenSigner(secret: "0123456789abcdef-test-secret").verify(token, purpose: .unsubscribe, now: now)
        #expect(claims.email == "ada@example.org" && claims.nonce == s.nonce)
        #expect(text.contains("Unsubscribe: https://papers.example.org/unsubscribe?token="))
    }

    @Test func unsubscribingRotatesTheNonceSoOldLinksStopWorking() async throws {
        let store = try await makeStore()
        let now = Date()
        let s = try await store.delivery.addConfirmed(email: "ada@example.org", frequency: .daily, now: now)
        #expect(try await store.delivery.unsubscribe(email: "ada@example.org", nonce: s.nonce, now: now))
        #expect(try await !store.delivery.unsubscribe(email: "ada@example.org", nonce: s.nonce, now: now))
        #expect(try await !store.delivery.unsubscribe(email: "grace@example.org", nonce: s.nonce, now: now))
        let again = try await store.delivery.subscribe(email: "ada@example.org", frequency: .weekly, now: now)
        #expect(again.status == .pending && again.nonce != s.nonce)
        #expect(try await !store.delivery.confirm(email: "ada@example.org", nonce: s.nonce, now: now))
        #expect(try await store.delivery.confirm(email: "ada@example.org", nonce: again.nonce, now: now))
    }
}

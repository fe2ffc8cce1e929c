import Foundation
import PaperboyCore
import Testing
@testable import PaperboyStore

/// The behaviour every ``DeliveryStore`` owes: double opt-in with rotating nonces, one digest claim per
/// subscriber and period, the outbox, single-use tokens and follows.
@Suite("DeliveryStore contract")
struct DeliveryStoreContractTests {
    static let now = Date(timeIntervalSince1970: 1_717_000_000)

    @Test(arguments: Backend.all)
    func subscriptionsConfirmAndUnsubscribeByNonce(backend: Backend) async throws {
        let delivery = try await backend.make().delivery
        let pending = try await delivery.subscribe(email: "ada@example.org", frequency: .daily, now: Self.now)
        #expect(pending.status == .pending)
        #expect(try await !delivery.confirm(email: "ada@example.org", nonce: "wrong", now: Self.now))
        #expect(try await delivery.confirm(email: "ada@example.org", nonce: pending.nonce, now: Self.now))
        #expect(try await delivery.subscriber(email: "ada@example.org")?.status == .confirmed)
        #expect(try await delivery.unsubscribe(email: "ada@example.org", nonce: pending.nonce, now: Self.now))
        #expect(try await !delivery.unsubscribe(email: "ada@example.org", nonce: pending.nonce, now: Self.now), "the nonce rotated")
        _ = try await delivery.addConfirmed(email: "grace@example.org", frequency: .weekly, now: Self.now)
        #expect(try await delivery.subscribers(status: .confirmed, frequency: nil).map(\.email) == ["grace@example.org"])
        #expect(try await delivery.subscribers(status: nil, frequency: .daily).map(\.email) == ["ada@example.org"])
        #expect(try await delivery.removeSubscriber(email: "grace@example.org"))
        #expect(try await !delivery.removeSubscriber(email: "grace@example.org"))
    }

    @Test(arguments: Backend.all)
    func aDigestIsClaimedOnceAndRetriedOnlyAfterATransientFailure(backend: Backend) async throws {
        let delivery = try await backend.make().delivery
        _ = try await delivery.addConfirmed(email: "ada@example.org", frequency: .daily, now: Self.now)
        _ = try await delivery.addConfirmed(email: "alan@example.org", frequency: .daily, now: Self.now)
        #expect(try await delivery.claimDigest(email: "ada@example.org", period: "2024-06-04", lease: Self.lease(Self.now), now: Self.now))
        try await delivery.completeDigest(email: "ada@example.org", period: "2024-06-04", messageID: "<m1>", now: Self.now)
        #expect(try await !delivery.claimDigest(email: "ada@example.org", period: "2024-06-04", lease: Self.lease(Self.now), now: Self.now))
        #expect(try await delivery.claimDigest(email: "alan@example.org", period: "2024-06-04", lease: Self.lease(Self.now), now: Self.now))
        let retryAt = Self.now.addingTimeInterval(600)
        try await delivery.failDigest(email: "alan@example.org", period: "2024-06-04", error: "451", permanent: false,
                                      retryAt: retryAt, now: Self.now)
        #expect(try await !delivery.claimDigest(email: "alan@example.org", period: "2024-06-04", lease: Self.lease(Self.now), now: Self.now))
        #expect(try await delivery.digestCounts(period: "2024-06-04") == ["sent": 1, "failed": 1])
        #expect(try await delivery.claimDigest(email: "alan@example.org", period: "2024-06-04", lease: Self.lease(retryAt), now: retryAt))
    }

    static func lease(_ now: Date, owner: String = "run-1") -> DigestLease {
        DigestLease(owner: owner, expiresAt: now.addingTimeInterval(600))
    }

    @Test(arguments: Backend.all)
    func aLiveClaimIsNeverTakenAndAnExpiredOneIsTakenOver(backend: Backend) async throws {
        let delivery = try await backend.make().delivery
        _ = try await delivery.addConfirmed(email: "ada@example.org", frequency: .daily, now: Self.now)
        #expect(try await delivery.claimDigest(email: "ada@example.org", period: "p", lease: Self.lease(Self.now), now: Self.now))
        let later = Self.now.addingTimeInterval(599)
        #expect(try await !delivery.claimDigest(email: "ada@example.org", period: "p",
                                                lease: Self.lease(later, owner: "run-2"), now: later))
        #expect(try await !delivery.claimDigest(email: "ada@example.org", period: "p", lease: Self.lease(later), now: later))
        let expired = Self.now.addingTimeInterval(600)
        #expect(try await delivery.claimDigest(email: "ada@example.org", period: "p",
                                               lease: Self.lease(expired, owner: "run-2"), now: expired))
        #expect(try await delivery.digestCounts(period: "p") == ["sending": 1])
        #expect(try await delivery.digestClaimOwner(email: "ada@example.org", period: "p") == "run-2")
        #expect(try await delivery.digestClaimOwner(email: "nobody@example.org", period: "p") == nil)
        // Taking over needs the current owner's name: a stale one changes nothing.
        #expect(try await !delivery.takeOverDigest(email: "ada@example.org", period: "p", from: "run-1",
                                                   lease: Self.lease(expired, owner: "run-3"), now: expired))
        #expect(try await delivery.takeOverDigest(email: "ada@example.org", period: "p", from: "run-2",
                                                  lease: Self.lease(expired, owner: "run-3"), now: expired))
        #expect(try await delivery.digestClaimOwner(email: "ada@example.org", period: "p") == "run-3")
        try await delivery.completeDigest(email: "ada@example.org", period: "p", messageID: "<m>", now: expired)
        #expect(try await delivery.digestClaimOwner(email: "ada@example.org", period: "p") == nil)
        #expect(try await !delivery.takeOverDigest(email: "ada@example.org", period: "p", from: "run-3",
                                                   lease: Self.lease(expired, owner: "run-4"), now: expired))
    }

    @Test(arguments: Backend.all)
    func outboxTokensAndFollows(backend: Backend) async throws {
        let stores = try await backend.make()
        let delivery = stores.delivery
        let message = OutboxMessage(createdAt: Self.now, recipients: ["ada@example.org"], subject: "Hi", textBody: "Text",
                                    htmlBody: nil, headers: [["X-Test", "1"]], messageID: "<m1>")
        let id = try await delivery.appendOutbox(message)
        var stored = message
        stored.id = id
        #expect(try await delivery.outboxMessage(id: id) == stored)
        #expect(try await delivery.outbox(limit: 5) == [stored])
        #expect(try await delivery.useToken(digest: "abc", now: Self.now))
        #expect(try await !delivery.useToken(digest: "abc", now: Self.now))

        let ada = try await stores.accounts.createUser(username: "ada", email: "ada@example.org", passwordHash: "h", at: Self.now)
        let follow = try Follow(kind: .category, value: "cs.LG")
        try await delivery.setFollow(userID: ada.id, follow, on: true, now: Self.now)
        try await delivery.setFollow(userID: ada.id, follow, on: true, now: Self.now)
        #expect(try await delivery.follows(userID: ada.id) == [follow])
        #expect(try await delivery.follows(email: "ada@example.org") == [follow])
        try await delivery.setFollow(userID: ada.id, follow, on: false, now: Self.now)
        #expect(try await delivery.follows(userID: ada.id).isEmpty)
    }
}

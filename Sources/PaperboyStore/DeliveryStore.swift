import Foundation
import PaperboyCore

/// Storage for e-mail delivery: subscriptions, the digest send ledger, the dev outbox, single-use tokens and
/// follows (what personalises a digest). All methods are async, `Sendable`, and each is one transaction.
/// Generated settings are ``SettingsStore``'s.
public protocol DeliveryStore: Sendable {
    /// Starts (or restarts) a subscription as `pending` — or just changes the frequency of a live one.
    /// Returns the subscriber as stored.
    func subscribe(email: String, frequency: DigestFrequency, now: Date) async throws -> Subscriber
    /// Operator path: a confirmed subscription without the confirmation mail.
    func addConfirmed(email: String, frequency: DigestFrequency, now: Date) async throws -> Subscriber
    /// Confirms a pending subscription whose nonce matches; false when there is none (or it is not pending).
    func confirm(email: String, nonce: String, now: Date) async throws -> Bool
    /// Unsubscribes when the nonce matches a live subscription and rotates the nonce (old links stop working);
    /// false otherwise.
    func unsubscribe(email: String, nonce: String, now: Date) async throws -> Bool
    /// Deletes a subscription and its ledger; false when unknown.
    func removeSubscriber(email: String) async throws -> Bool
    func subscriber(email: String) async throws -> Subscriber?
    /// Subscribers with `status`, optionally of one frequency, by e-mail.
    func subscribers(status: Subscriber.Status?, frequency: DigestFrequency?) async throws -> [Subscriber]

    /// Claims the digest of `period` for `email` for `lease.owner` until `lease.expiresAt`, in one atomic statement:
    /// true when it must be sent now — no ledger row yet, a transient failure whose retry time has come, or a
    /// `sending` row whose lease has expired at `now` (its sender died mid-send). A `sending` row whose lease is
    /// still running belongs to a live sender and is never taken, not even by the same owner.
    func claimDigest(email: String, period: String, lease: DigestLease, now: Date) async throws -> Bool
    /// The owner of `email`'s `sending` claim for `period`, or nil when no claim is in flight.
    func digestClaimOwner(email: String, period: String) async throws -> String?
    /// Takes a `sending` claim over from `previousOwner` whatever its lease says, atomically: true only when the row
    /// was still `sending` under that owner. For claims whose owner is known to be dead (``claimDigest`` covers
    /// expired leases).
    func takeOverDigest(email: String, period: String, from previousOwner: String, lease: DigestLease, now: Date) async throws -> Bool
    /// Records a delivered digest.
    func completeDigest(email: String, period: String, messageID: String, now: Date) async throws
    /// Records a failed delivery. Transient failures are retried from `retryAt`; permanent ones are not, and
    /// count towards the subscriber's bounce limit.
    func failDigest(email: String, period: String, error: String, permanent: Bool, retryAt: Date?, now: Date) async throws
    /// Ledger counts of one period by status.
    func digestCounts(period: String) async throws -> [String: Int]

    /// Appends a message to the dev outbox; returns its id.
    func appendOutbox(_ message: OutboxMessage) async throws -> Int64
    /// Newest first.
    func outbox(limit: Int) async throws -> [OutboxMessage]
    func outboxMessage(id: Int64) async throws -> OutboxMessage?

    /// Records a single-use token; false when it was used before.
    func useToken(digest: String, now: Date) async throws -> Bool

    /// Follows (`on`) or unfollows something for a user's digest; idempotent.
    func setFollow(userID: Int64, _ follow: Follow, on: Bool, now: Date) async throws
    /// A user's follows, oldest first.
    func follows(userID: Int64) async throws -> [Follow]
    /// The follows of the account with this e-mail (what personalises that subscriber's digest).
    func follows(email: String) async throws -> [Follow]
}

/// A message kept by the dev outbox.
public struct OutboxMessage: Sendable, Equatable {
    public var id: Int64?
    public var createdAt: Date
    public var recipients: [String]
    public var subject: String
    public var textBody: String?
    public var htmlBody: String?
    public var headers: [[String]]
    public var messageID: String

    public init(id: Int64? = nil, createdAt: Date, recipients: [String], subject: String, textBody: String?,
                htmlBody: String?, headers: [[String]], messageID: String) {
        self.id = id
        self.createdAt = createdAt
        self.recipients = recipients
        self.subject = subject
        self.textBody = textBody
        self.htmlBody = htmlBody
        self.headers = headers
        self.messageID = messageID
    }
}

/// Who holds a digest claim and until when: `owner` is one id per sender run (process), `expiresAt` the time after
/// which another sender may take a `sending` row over.
public struct DigestLease: Sendable, Hashable {
    public var owner: String
    public var expiresAt: Date

    public init(owner: String, expiresAt: Date) {
        self.owner = owner
        self.expiresAt = expiresAt
    }
}

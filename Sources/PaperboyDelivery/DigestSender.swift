import Foundation
import Logging
import PaperboyCore
import PaperboyMail
import PaperboyStore

/// Sends the digests of one period to every confirmed subscriber, exactly once per subscriber and period.
///
/// Each send is recorded in the ledger (`digest_sends`): claimed as `sending` before the message goes out and
/// marked `sent` as soon as the server accepts it, one subscriber at a time. A run killed mid-way and started
/// again skips every `sent` row and sends the rest; the killed run's `sending` claims are its own to take over at
/// once when it ran on this host (its pid is gone), another host's only once their lease has expired. The only window for a second copy is a kill between the
/// server's acceptance and the ledger write (one SQLite commit, well under a millisecond); a message whose fate the
/// SMTP server left unknown (connection lost after the final dot) is recorded as sent rather than risked twice.
/// Transient failures (4xx, connection errors) are retried on a later run after a backoff; permanent ones (5xx)
/// are not, and after ``Subscriber/bounceLimit`` of them the address is marked bounced. One failing recipient
/// never blocks the others.
public struct DigestSender: Sendable {
    public let papers: any PaperStore
    public let delivery: any DeliveryStore
    public let composer: DigestComposer
    public let signer: TokenSigner
    public let makeTransport: @Sendable () -> any MailTransport
    public var lanes: Int
    public var papersPerDigest: Int
    public var logger: Logger
    /// Personal sections for subscribers with an account (followed authors, categories, saved searches).
    public var personal: (any PersonalDigest)?
    /// This run's claim owner: one id per sender (process run), `host:pid:nonce` (``LeaseOwner``) so that a later
    /// run on the same host can tell a dead owner's claims from a live one's.
    public var leaseOwner: String
    /// How long a claim stays this sender's before another sender may take it over (a sender killed mid-send).
    public var leaseDuration: TimeInterval
    /// Whether a claim owner is a dead process (``LeaseOwner/isAbandoned(_:host:isRunning:)`` by default).
    public var isAbandoned: @Sendable (String) -> Bool = { LeaseOwner.isAbandoned($0) }

    public init(papers: any PaperStore, delivery: any DeliveryStore, composer: DigestComposer, signer: TokenSigner,
                lanes: Int = 4, papersPerDigest: Int = 10, logger: Logger = Logger(label: "paperboy.digest"),
                personal: (any PersonalDigest)? = nil, leaseOwner: String = LeaseOwner.current().description,
                leaseDuration: TimeInterval = DigestSender.defaultLeaseDuration,
                makeTransport: @escaping @Sendable () -> any MailTransport) {
        self.papers = papers
        self.delivery = delivery
        self.composer = composer
        self.signer = signer
        self.lanes = max(1, lanes)
        self.papersPerDigest = max(1, papersPerDigest)
        self.logger = logger
        self.personal = personal
        self.makeTransport = makeTransport
        self.leaseOwner = leaseOwner
        self.leaseDuration = max(1, leaseDuration)
    }

    /// Long enough for one message's composition and SMTP exchange with room to spare.
    public static let defaultLeaseDuration: TimeInterval = 10 * 60

    /// How long a transient failure waits before the next run may retry it.
    public static let retryDelay: TimeInterval = 15 * 60

    public struct Report: Sendable, Equatable, Codable {
        public var period: String
        public var papers: Int
        public var subscribers: Int
        public var sent = 0
        /// Already sent by an earlier run, or waiting for a retry time.
        public var skipped = 0
        public var failed = 0
        public var seconds: Double = 0
    }

    /// The papers of the digest: daily — the newest featured day at or before `period`'s day, by upvotes;
    /// weekly — the period's days, by upvotes.
    public func items(for period: DigestPeriod, now: Date) async throws -> [FeedItem] {
        guard let days = try await Self.listedDays(of: period, papers: papers, now: now) else { return [] }
        return try await papers.feed(FeedQuery(days: days, sort: .upvotes, limit: papersPerDigest, now: now)).items
    }

    /// The days a digest lists: daily — the newest featured day at or before `period`'s day; weekly — the period's
    /// days. `nil` when the store has no day that qualifies. (The personal "For you" section ranks the same days.)
    public static func listedDays(of period: DigestPeriod, papers: any PaperStore, now: Date) async throws
        -> ClosedRange<Day>?
    {
        guard period.frequency == .daily else { return period.days }
        guard let bounds = try await papers.dayBounds() else { return nil }
        let target = min(period.days.upperBound, bounds.upperBound)
        guard target >= bounds.lowerBound else { return nil }
        let hasEntries = try await !papers.feed(FeedQuery(days: target...target, limit: 1, now: now)).items.isEmpty
        let day = hasEntries ? target : (try await papers.neighbours(of: target).previous ?? target)
        return day...day
    }

    /// Sends `period`'s digest to every confirmed subscriber of its frequency (or only to `onlyTo`, outside the
    /// ledger, for trying a digest out). `dryRun` composes and counts without sending or recording anything.
    public func run(_ period: DigestPeriod, now: Date, dryRun: Bool = false, onlyTo: String? = nil) async throws -> Report {
        let started = Date()
        let items = try await items(for: period, now: now)
        if let onlyTo {
            let message = try composer.digest(items, period: period, to: onlyTo,
                                          unsubscribeToken: signer.sign(.unsubscribe, email: onlyTo, nonce: "preview"))
            var report = Report(period: period.key, papers: items.count, subscribers: 1)
            if !dryRun {
                let transport = makeTransport()
                defer { Task { await transport.close() } }
                _ = try await transport.send(message)
                report.sent = 1
            }
            report.seconds = Date().timeIntervalSince(started)
            return report
        }
        let subscribers = try await delivery.subscribers(status: .confirmed, frequency: period.frequency)
        var report = Report(period: period.key, papers: items.count, subscribers: subscribers.count)
        if dryRun {
            report.seconds = Date().timeIntervalSince(started)
            return report
        }
        let queue = WorkQueue(subscribers)
        let totals = try await withThrowingTaskGroup(of: Report.self) { group in
            for _ in 0..<min(lanes, max(1, subscribers.count)) {
                group.addTask {
                    try await self.lane(queue: queue, items: items, period: period, now: now, started: started)
                }
            }
            var sum = Report(period: period.key, papers: items.count, subscribers: subscribers.count)
            for try await r in group {
                sum.sent += r.sent
                sum.skipped += r.skipped
                sum.failed += r.failed
            }
            return sum
        }
        report = totals
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    /// Claims one digest: a new, retryable or expired claim; or a `sending` claim left by a process of this host
    /// that has died (a run killed and started again does not wait out its own lease).
    private func claim(_ email: String, period: DigestPeriod, lease: DigestLease, now: Date) async throws -> Bool {
        if try await delivery.claimDigest(email: email, period: period.key, lease: lease, now: now) { return true }
        guard let owner = try await delivery.digestClaimOwner(email: email, period: period.key),
              owner != leaseOwner, isAbandoned(owner) else { return false }
        logger.info("digest to \(email): taking over the claim of \(owner), a process that no longer runs")
        return try await delivery.takeOverDigest(email: email, period: period.key, from: owner, lease: lease, now: now)
    }

    private func lane(queue: WorkQueue, items: [FeedItem], period: DigestPeriod, now: Date,
                      started: Date) async throws -> Report {
        var r = Report(period: period.key, papers: items.count, subscribers: 0)
        let transport = makeTransport()
        while let subscriber = await queue.next() {
            try Task.checkCancellation()
            // On the run's timeline (`now`), moved on by the time this run has taken so far.
            let claimedAt = now.addingTimeInterval(Date().timeIntervalSince(started))
            let lease = DigestLease(owner: leaseOwner, expiresAt: claimedAt.addingTimeInterval(leaseDuration))
            guard try await claim(subscriber.email, period: period, lease: lease, now: claimedAt) else {
                r.skipped += 1
                continue
            }
            let token = signer.sign(.unsubscribe, email: subscriber.email, nonce: subscriber.nonce)
            var sections: [DigestSection] = []
            if let personal {
                do {
                    sections = try await personal.sections(for: subscriber.email, period: period,
                                                           excluding: Set(items.map(\.paper.id)))
                } catch {
                    logger.warning("digest to \(subscriber.email): personal sections left out: \(error)")
                }
            }
            let message = try composer.digest(items, period: period, to: subscriber.email, unsubscribeToken: token,
                                          personal: sections)
            do {
                let delivered = try await transport.send(message)
                try await delivery.completeDigest(email: subscriber.email, period: period.key,
                                                  messageID: delivered.messageID, now: Date())
                r.sent += 1
            } catch let error as MailError where error.deliveryUnknown {
                logger.warning("digest to \(subscriber.email): delivery unknown (\(error.message)); recorded as sent to avoid a duplicate")
                try await delivery.completeDigest(email: subscriber.email, period: period.key,
                                                  messageID: message.messageID ?? "unknown", now: Date())
                r.sent += 1
            } catch {
                let mailError = error as? MailError
                let permanent = mailError.map { !$0.isTransient } ?? false
                let retryAt = now.addingTimeInterval(Self.retryDelay)
                logger.warning("digest to \(subscriber.email) failed (\(permanent ? "permanent" : "will retry")): \(error)")
                try await delivery.failDigest(email: subscriber.email, period: period.key, error: String(describing: error),
                                              permanent: permanent, retryAt: retryAt, now: now)
                r.failed += 1
            }
        }
        await transport.close()
        return r
    }
}

/// The personal part of a subscriber's digest: sections for what the account with that e-mail follows.
public protocol PersonalDigest: Sendable {
    func sections(for email: String, period: DigestPeriod, excluding: Set<PaperID>) async throws -> [DigestSection]
}

/// Hands out subscribers to the sending lanes.
actor WorkQueue {
    private var items: [Subscriber]
    private var index = 0

    init(_ items: [Subscriber]) { self.items = items }

    func next() -> Subscriber? {
        guard index < items.count else { return nil }
        defer { index += 1 }
        return items[index]
    }
}

import Foundation
import PaperboyCore
import PaperboyStore
import PostgresNIO

/// ``DeliveryStore`` on a ``PostgresDatabase``: subscribers and the digest ledger (outbox, tokens and follows in
/// `+Outbox`). Every claim, take-over and token use is one conditional statement with `RETURNING`, so exactly one of
/// any number of racing senders (on any instance) wins it.
public struct PostgresDeliveryStore: DeliveryStore {
    let database: PostgresDatabase

    public init(database: PostgresDatabase) {
        self.database = database
    }

    static func newNonce() -> String {
        (0..<4).map { _ in String(UInt32.random(in: .min ... .max), radix: 36) }.joined()
    }

    static func subscriber(_ row: PostgresRandomAccessRow) throws -> Subscriber {
        Subscriber(email: try row.get("email"), frequency: DigestFrequency(rawValue: try row.get("frequency")) ?? .daily,
                   status: Subscriber.Status(rawValue: try row.get("status")) ?? .pending, nonce: try row.get("nonce"),
                   permanentFailures: try row.get("permanent_failures", as: Int.self),
                   createdAt: Date(timeIntervalSince1970: try row.get("created_at")),
                   confirmedAt: (try row.get("confirmed_at", as: Double?.self)).map(Date.init(timeIntervalSince1970:)))
    }

    static func fetchSubscriber(_ s: PostgresSession, _ email: String, lock: Bool = false) async throws -> Subscriber? {
        try await s.first(lock ? "SELECT * FROM subscribers WHERE email = \(email) FOR UPDATE"
                               : "SELECT * FROM subscribers WHERE email = \(email)").map(subscriber)
    }

    public func subscribe(email: String, frequency: DigestFrequency, now: Date) async throws -> Subscriber {
        try await database.transaction("subscribe \(email)") { s in
            let t = now.timeIntervalSince1970
            if let existing = try await Self.fetchSubscriber(s, email, lock: true),
               existing.status == .pending || existing.status == .confirmed {
                try await s.execute("UPDATE subscribers SET frequency = \(frequency.rawValue), updated_at = \(t) WHERE email = \(email)")
            } else {
                try await s.execute("""
                    INSERT INTO subscribers (email, frequency, status, nonce, permanent_failures, created_at, updated_at)
                    VALUES (\(email), \(frequency.rawValue), 'pending', \(Self.newNonce()), 0, \(t), \(t))
                    ON CONFLICT (email) DO UPDATE SET frequency = excluded.frequency, status = 'pending',
                        nonce = excluded.nonce, permanent_failures = 0, confirmed_at = NULL, updated_at = excluded.updated_at
                    """)
            }
            guard let stored = try await Self.fetchSubscriber(s, email) else {
                throw PaperboyError(.storage, "The subscription of \(email) was not stored.")
            }
            return stored
        }
    }

    public func addConfirmed(email: String, frequency: DigestFrequency, now: Date) async throws -> Subscriber {
        try await database.session("add subscriber \(email)") { s in
            let t = now.timeIntervalSince1970
            guard let row = try await s.first("""
                INSERT INTO subscribers (email, frequency, status, nonce, permanent_failures, created_at, confirmed_at, updated_at)
                VALUES (\(email), \(frequency.rawValue), 'confirmed', \(Self.newNonce()), 0, \(t), \(t), \(t))
                ON CONFLICT (email) DO UPDATE SET frequency = excluded.frequency, status = 'confirmed',
                    permanent_failures = 0, confirmed_at = coalesce(subscribers.confirmed_at, excluded.confirmed_at),
                    updated_at = excluded.updated_at
                RETURNING *
                """) else { throw PaperboyError(.storage, "The subscription of \(email) was not stored.") }
            return try Self.subscriber(row)
        }
    }

    public func confirm(email: String, nonce: String, now: Date) async throws -> Bool {
        try await database.session("confirm \(email)") { s in
            let t = now.timeIntervalSince1970
            return try await s.execute("""
                UPDATE subscribers SET status = 'confirmed', confirmed_at = \(t), updated_at = \(t)
                WHERE email = \(email) AND nonce = \(nonce) AND status IN ('pending', 'confirmed') RETURNING 1
                """) > 0
        }
    }

    public func unsubscribe(email: String, nonce: String, now: Date) async throws -> Bool {
        try await database.session("unsubscribe \(email)") { s in
            try await s.execute("""
                UPDATE subscribers SET status = 'unsubscribed', nonce = \(Self.newNonce()), updated_at = \(now.timeIntervalSince1970)
                WHERE email = \(email) AND nonce = \(nonce) AND status IN ('pending', 'confirmed', 'bounced') RETURNING 1
                """) > 0
        }
    }

    public func removeSubscriber(email: String) async throws -> Bool {
        try await database.transaction("remove \(email)") { s in
            try await s.execute("DELETE FROM digest_sends WHERE email = \(email)")
            return try await s.execute("DELETE FROM subscribers WHERE email = \(email) RETURNING 1") > 0
        }
    }

    public func subscriber(email: String) async throws -> Subscriber? {
        try await database.session("read \(email)") { s in try await Self.fetchSubscriber(s, email) }
    }

    public func subscribers(status: Subscriber.Status?, frequency: DigestFrequency?) async throws -> [Subscriber] {
        try await database.session("list subscribers") { s in
            try await s.rows("""
                SELECT * FROM subscribers
                WHERE (\(status?.rawValue)::text IS NULL OR status = \(status?.rawValue))
                  AND (\(frequency?.rawValue)::text IS NULL OR frequency = \(frequency?.rawValue))
                ORDER BY email
                """).map(Self.subscriber)
        }
    }

    // MARK: The digest ledger

    public func claimDigest(email: String, period: String, lease: DigestLease, now: Date) async throws -> Bool {
        try await database.session("claim a digest") { s in
            let t = now.timeIntervalSince1970
            return try await s.execute("""
                INSERT INTO digest_sends (email, period, status, attempts, updated_at, lease_owner, lease_expires_at)
                VALUES (\(email), \(period), 'sending', 1, \(t), \(lease.owner), \(lease.expiresAt.timeIntervalSince1970))
                ON CONFLICT (email, period) DO UPDATE SET status = 'sending', attempts = digest_sends.attempts + 1,
                    updated_at = excluded.updated_at, lease_owner = excluded.lease_owner,
                    lease_expires_at = excluded.lease_expires_at
                WHERE (digest_sends.status = 'sending'
                       AND (digest_sends.lease_expires_at IS NULL OR digest_sends.lease_expires_at <= \(t)))
                   OR (digest_sends.status = 'failed' AND digest_sends.next_attempt_at IS NOT NULL
                       AND digest_sends.next_attempt_at <= \(t))
                RETURNING 1
                """) > 0
        }
    }

    public func digestClaimOwner(email: String, period: String) async throws -> String? {
        try await database.session("read a digest claim") { s in
            try await s.value(String.self, """
                SELECT lease_owner FROM digest_sends WHERE email = \(email) AND period = \(period) AND status = 'sending'
                """)
        }
    }

    public func takeOverDigest(email: String, period: String, from previousOwner: String, lease: DigestLease,
                               now: Date) async throws -> Bool {
        try await database.session("take over a digest claim") { s in
            try await s.execute("""
                UPDATE digest_sends SET attempts = attempts + 1, updated_at = \(now.timeIntervalSince1970),
                    lease_owner = \(lease.owner), lease_expires_at = \(lease.expiresAt.timeIntervalSince1970)
                WHERE email = \(email) AND period = \(period) AND status = 'sending' AND lease_owner = \(previousOwner)
                RETURNING 1
                """) > 0
        }
    }

    public func completeDigest(email: String, period: String, messageID: String, now: Date) async throws {
        try await database.transaction("record a sent digest") { s in
            try await s.execute("""
                UPDATE digest_sends SET status = 'sent', message_id = \(messageID), last_error = NULL, next_attempt_at = NULL,
                    updated_at = \(now.timeIntervalSince1970) WHERE email = \(email) AND period = \(period)
                """)
            try await s.execute("UPDATE subscribers SET permanent_failures = 0 WHERE email = \(email) AND permanent_failures > 0")
        }
    }

    public func failDigest(email: String, period: String, error: String, permanent: Bool, retryAt: Date?, now: Date) async throws {
        try await database.transaction("record a failed digest") { s in
            let t = now.timeIntervalSince1970
            try await s.execute("""
                UPDATE digest_sends SET status = 'failed', last_error = \(String(error.prefix(500))),
                    next_attempt_at = \(permanent ? nil : retryAt?.timeIntervalSince1970), updated_at = \(t)
                WHERE email = \(email) AND period = \(period)
                """)
            guard permanent else { return }
            try await s.execute("""
                UPDATE subscribers SET permanent_failures = permanent_failures + 1,
                    status = CASE WHEN permanent_failures + 1 >= \(Subscriber.bounceLimit) AND status = 'confirmed'
                                  THEN 'bounced' ELSE status END,
                    updated_at = \(t) WHERE email = \(email)
                """)
        }
    }

    public func digestCounts(period: String) async throws -> [String: Int] {
        try await database.session("count digests") { s in
            var counts: [String: Int] = [:]
            for row in try await s.rows("SELECT status, count(*) AS n FROM digest_sends WHERE period = \(period) GROUP BY status") {
                counts[try row.get("status", as: String.self)] = try row.get("n", as: Int.self)
            }
            return counts
        }
    }
}

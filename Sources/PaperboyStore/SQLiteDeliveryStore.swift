import Foundation
import GRDB
import PaperboyCore

/// The product's ``DeliveryStore`` on a ``SQLiteDatabase``: subscribers, the digest ledger, the dev outbox,
/// used tokens (follows are in `SQLiteDeliveryStore+Follows.swift`). Each method is one transaction.
public struct SQLiteDeliveryStore: DeliveryStore, SQLiteAggregate {
    let database: SQLiteDatabase

    public init(database: SQLiteDatabase) {
        self.database = database
    }

    static func newNonce() -> String {
        (0..<4).map { _ in String(UInt32.random(in: .min ... .max), radix: 36) }.joined()
    }

    static func subscriber(_ row: Row) -> Subscriber {
        Subscriber(email: row["email"], frequency: DigestFrequency(rawValue: row["frequency"]) ?? .daily,
                   status: Subscriber.Status(rawValue: row["status"]) ?? .pending, nonce: row["nonce"],
                   permanentFailures: row["permanent_failures"],
                   createdAt: Date(timeIntervalSince1970: row["created_at"]),
                   confirmedAt: (row["confirmed_at"] as Double?).map(Date.init(timeIntervalSince1970:)))
    }

    static func fetchSubscriber(_ db: Database, _ email: String) throws -> Subscriber? {
        try Row.fetchOne(db, sql: "SELECT * FROM subscribers WHERE email = ?", arguments: [email]).map(subscriber)
    }

    public func subscribe(email: String, frequency: DigestFrequency, now: Date) async throws -> Subscriber {
        try await storage("subscribe \(email)") {
            try await writer.write { db in
                let t = now.timeIntervalSince1970
                if let existing = try Self.fetchSubscriber(db, email), existing.status == .pending || existing.status == .confirmed {
                    try db.execute(sql: "UPDATE subscribers SET frequency = ?, updated_at = ? WHERE email = ?",
                                   arguments: [frequency.rawValue, t, email])
                } else {
                    try db.execute(sql: """
                        INSERT INTO subscribers (email, frequency, status, nonce, permanent_failures, created_at, updated_at)
                        VALUES (?, ?, 'pending', ?, 0, ?, ?)
                        ON CONFLICT (email) DO UPDATE SET frequency = excluded.frequency, status = 'pending',
                            nonce = excluded.nonce, permanent_failures = 0, confirmed_at = NULL, updated_at = excluded.updated_at
                        """, arguments: [email, frequency.rawValue, Self.newNonce(), t, t])
                }
                guard let stored = try Self.fetchSubscriber(db, email) else {
                    throw PaperboyError(.storage, "The subscription of \(email) was not stored.")
                }
                return stored
            }
        }
    }

    public func addConfirmed(email: String, frequency: DigestFrequency, now: Date) async throws -> Subscriber {
        try await storage("add subscriber \(email)") {
            try await writer.write { db in
                let t = now.timeIntervalSince1970
                try db.execute(sql: """
                    INSERT INTO subscribers (email, frequency, status, nonce, permanent_failures, created_at, confirmed_at, updated_at)
                    VALUES (?, ?, 'confirmed', ?, 0, ?, ?, ?)
                    ON CONFLICT (email) DO UPDATE SET frequency = excluded.frequency, status = 'confirmed',
                        permanent_failures = 0, confirmed_at = coalesce(subscribers.confirmed_at, excluded.confirmed_at),
                        updated_at = excluded.updated_at
                    """, arguments: [email, frequency.rawValue, Self.newNonce(), t, t, t])
                guard let stored = try Self.fetchSubscriber(db, email) else {
                    throw PaperboyError(.storage, "The subscription of \(email) was not stored.")
                }
                return stored
            }
        }
    }

    public func confirm(email: String, nonce: String, now: Date) async throws -> Bool {
        try await storage("confirm \(email)") {
            try await writer.write { db in
                try db.execute(sql: """
                    UPDATE subscribers SET status = 'confirmed', confirmed_at = ?, updated_at = ?
                    WHERE email = ? AND nonce = ? AND status IN ('pending', 'confirmed')
                    """, arguments: [now.timeIntervalSince1970, now.timeIntervalSince1970, email, nonce])
                return db.changesCount > 0
            }
        }
    }

    public func unsubscribe(email: String, nonce: String, now: Date) async throws -> Bool {
        try await storage("unsubscribe \(email)") {
            try await writer.write { db in
                try db.execute(sql: """
                    UPDATE subscribers SET status = 'unsubscribed', nonce = ?, updated_at = ?
                    WHERE email = ? AND nonce = ? AND status IN ('pending', 'confirmed', 'bounced')
                    """, arguments: [Self.newNonce(), now.timeIntervalSince1970, email, nonce])
                return db.changesCount > 0
            }
        }
    }

    public func removeSubscriber(email: String) async throws -> Bool {
        try await storage("remove \(email)") {
            try await writer.write { db in
                try db.execute(sql: "DELETE FROM digest_sends WHERE email = ?", arguments: [email])
                try db.execute(sql: "DELETE FROM subscribers WHERE email = ?", arguments: [email])
                return db.changesCount > 0
            }
        }
    }

    public func subscriber(email: String) async throws -> Subscriber? {
        try await storage("read \(email)") { try await writer.read { db in try Self.fetchSubscriber(db, email) } }
    }

    public func subscribers(status: Subscriber.Status?, frequency: DigestFrequency?) async throws -> [Subscriber] {
        try await storage("list subscribers") {
            try await writer.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT * FROM subscribers WHERE (?1 IS NULL OR status = ?1) AND (?2 IS NULL OR frequency = ?2) ORDER BY email
                    """, arguments: [status?.rawValue, frequency?.rawValue]).map(Self.subscriber)
            }
        }
    }

    public func claimDigest(email: String, period: String, lease: DigestLease, now: Date) async throws -> Bool {
        try await storage("claim a digest") {
            try await writer.write { db in
                let t = now.timeIntervalSince1970
                try db.execute(sql: """
                    INSERT INTO digest_sends (email, period, status, attempts, updated_at, lease_owner, lease_expires_at)
                    VALUES (?1, ?2, 'sending', 1, ?3, ?4, ?5)
                    ON CONFLICT (email, period) DO UPDATE SET status = 'sending', attempts = digest_sends.attempts + 1,
                        updated_at = excluded.updated_at, lease_owner = excluded.lease_owner,
                        lease_expires_at = excluded.lease_expires_at
                    WHERE (digest_sends.status = 'sending'
                           AND (digest_sends.lease_expires_at IS NULL OR digest_sends.lease_expires_at <= ?3))
                       OR (digest_sends.status = 'failed' AND digest_sends.next_attempt_at IS NOT NULL
                           AND digest_sends.next_attempt_at <= ?3)
                    """, arguments: [email, period, t, lease.owner, lease.expiresAt.timeIntervalSince1970])
                return db.changesCount > 0
            }
        }
    }

    public func digestClaimOwner(email: String, period: String) async throws -> String? {
        try await storage("read a digest claim") {
            try await writer.read { db in
                try String.fetchOne(db, sql: """
                    SELECT lease_owner FROM digest_sends WHERE email = ? AND period = ? AND status = 'sending'
                    """, arguments: [email, period])
            }
        }
    }

    public func takeOverDigest(email: String, period: String, from previousOwner: String, lease: DigestLease,
                               now: Date) async throws -> Bool {
        try await storage("take over a digest claim") {
            try await writer.write { db in
                try db.execute(sql: """
                    UPDATE digest_sends SET attempts = attempts + 1, updated_at = ?, lease_owner = ?, lease_expires_at = ?
                    WHERE email = ? AND period = ? AND status = 'sending' AND lease_owner = ?
                    """, arguments: [now.timeIntervalSince1970, lease.owner, lease.expiresAt.timeIntervalSince1970,
                                     email, period, previousOwner])
                return db.changesCount > 0
            }
        }
    }

    public func completeDigest(email: String, period: String, messageID: String, now: Date) async throws {
        try await storage("record a sent digest") {
            try await writer.write { db in
                try db.execute(sql: """
                    UPDATE digest_sends SET status = 'sent', message_id = ?, last_error = NULL, next_attempt_at = NULL,
                        updated_at = ? WHERE email = ? AND period = ?
                    """, arguments: [messageID, now.timeIntervalSince1970, email, period])
                try db.execute(sql: "UPDATE subscribers SET permanent_failures = 0 WHERE email = ? AND permanent_failures > 0",
                               arguments: [email])
            }
        }
    }

    public func failDigest(email: String, period: String, error: String, permanent: Bool, retryAt: Date?, now: Date) async throws {
        try await storage("record a failed digest") {
            try await writer.write { db in
                try db.execute(sql: """
                    UPDATE digest_sends SET status = 'failed', last_error = ?, next_attempt_at = ?, updated_at = ?
                    WHERE email = ? AND period = ?
                    """, arguments: [String(error.prefix(500)), permanent ? nil : retryAt?.timeIntervalSince1970,
                                     now.timeIntervalSince1970, email, period])
                guard permanent else { return }
                try db.execute(sql: """
                    UPDATE subscribers SET permanent_failures = permanent_failures + 1,
                        status = CASE WHEN permanent_failures + 1 >= ? AND status = 'confirmed' THEN 'bounced' ELSE status END,
                        updated_at = ? WHERE email = ?
                    """, arguments: [Subscriber.bounceLimit, now.timeIntervalSince1970, email])
            }
        }
    }

    public func digestCounts(period: String) async throws -> [String: Int] {
        try await storage("count digests") {
            try await writer.read { db in
                var counts: [String: Int] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT status, count(*) AS n FROM digest_sends WHERE period = ? GROUP BY status",
                                            arguments: [period]) {
                    counts[row["status"]] = row["n"]
                }
                return counts
            }
        }
    }

    public func appendOutbox(_ message: OutboxMessage) async throws -> Int64 {
        try await storage("store a message in the outbox") {
            try await writer.write { db in
                let headers = String(decoding: try JSONSerialization.data(withJSONObject: message.headers), as: UTF8.self)
                try db.execute(sql: """
                    INSERT INTO outbox (created_at, recipients, subject, text_body, html_body, headers_json, message_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [message.createdAt.timeIntervalSince1970, message.recipients.joined(separator: ", "),
                                     message.subject, message.textBody, message.htmlBody, headers, message.messageID])
                return db.lastInsertedRowID
            }
        }
    }

    static func outboxMessage(_ row: Row) -> OutboxMessage {
        let headersJSON: String = row["headers_json"]
        let headers = (try? JSONSerialization.jsonObject(with: Data(headersJSON.utf8))) as? [[String]] ?? []
        let recipients: String = row["recipients"]
        return OutboxMessage(id: row["id"], createdAt: Date(timeIntervalSince1970: row["created_at"]),
                             recipients: recipients.components(separatedBy: ", "), subject: row["subject"],
                             textBody: row["text_body"], htmlBody: row["html_body"], headers: headers,
                             messageID: row["message_id"])
    }

    public func outbox(limit: Int) async throws -> [OutboxMessage] {
        try await storage("read the outbox") {
            try await writer.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM outbox ORDER BY id DESC LIMIT ?", arguments: [max(1, limit)])
                    .map(Self.outboxMessage)
            }
        }
    }

    public func outboxMessage(id: Int64) async throws -> OutboxMessage? {
        try await storage("read an outbox message") {
            try await writer.read { db in
                try Row.fetchOne(db, sql: "SELECT * FROM outbox WHERE id = ?", arguments: [id]).map(Self.outboxMessage)
            }
        }
    }

    public func useToken(digest: String, now: Date) async throws -> Bool {
        try await storage("use a token") {
            try await writer.write { db in
                try db.execute(sql: "INSERT OR IGNORE INTO used_tokens (digest, used_at) VALUES (?, ?)",
                               arguments: [digest, now.timeIntervalSince1970])
                return db.changesCount > 0
            }
        }
    }
}

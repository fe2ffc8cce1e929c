import Foundation
import PaperboyCore
import PaperboyStore
import PostgresNIO

/// The dev outbox, single-use tokens and follows.
extension PostgresDeliveryStore {
    public func appendOutbox(_ message: OutboxMessage) async throws -> Int64 {
        try await database.session("store a message in the outbox") { s in
            let headers = String(decoding: try JSONSerialization.data(withJSONObject: message.headers), as: UTF8.self)
            guard let id = try await s.value(Int64.self, """
                INSERT INTO outbox (created_at, recipients, subject, text_body, html_body, headers_json, message_id)
                VALUES (\(message.createdAt.timeIntervalSince1970), \(message.recipients.joined(separator: ", ")),
                        \(message.subject), \(message.textBody), \(message.htmlBody), \(headers), \(message.messageID))
                RETURNING id
                """) else { throw PaperboyError(.storage, "The message was not stored.") }
            return id
        }
    }

    static func outboxMessage(_ row: PostgresRandomAccessRow) throws -> OutboxMessage {
        let headersJSON: String = try row.get("headers_json")
        let headers = (try? JSONSerialization.jsonObject(with: Data(headersJSON.utf8))) as? [[String]] ?? []
        let recipients: String = try row.get("recipients")
        return OutboxMessage(id: try row.get("id"), createdAt: Date(timeIntervalSince1970: try row.get("created_at")),
                             recipients: recipients.components(separatedBy: ", "), subject: try row.get("subject"),
                             textBody: try row.get("text_body"), htmlBody: try row.get("html_body"), headers: headers,
                             messageID: try row.get("message_id"))
    }

    public func outbox(limit: Int) async throws -> [OutboxMessage] {
        try await database.session("read the outbox") { s in
            try await s.rows("SELECT * FROM outbox ORDER BY id DESC LIMIT \(max(1, limit))").map(Self.outboxMessage)
        }
    }

    public func outboxMessage(id: Int64) async throws -> OutboxMessage? {
        try await database.session("read an outbox message") { s in
            try await s.first("SELECT * FROM outbox WHERE id = \(id)").map(Self.outboxMessage)
        }
    }

    public func useToken(digest: String, now: Date) async throws -> Bool {
        try await database.session("use a token") { s in
            try await s.execute("""
                INSERT INTO used_tokens (digest, used_at) VALUES (\(digest), \(now.timeIntervalSince1970))
                ON CONFLICT DO NOTHING RETURNING 1
                """) > 0
        }
    }

    // MARK: Follows

    public func setFollow(userID: Int64, _ follow: Follow, on: Bool, now: Date) async throws {
        try await database.session("change a follow") { s in
            if on {
                try await s.execute("""
                    INSERT INTO follows (user_id, kind, value, created_at)
                    VALUES (\(userID), \(follow.kind.rawValue), \(follow.value), \(now.timeIntervalSince1970)) ON CONFLICT DO NOTHING
                    """)
            } else {
                try await s.execute("""
                    DELETE FROM follows WHERE user_id = \(userID) AND kind = \(follow.kind.rawValue) AND value = \(follow.value)
                    """)
            }
        }
    }

    public func follows(userID: Int64) async throws -> [Follow] {
        try await database.session("read follows") { s in
            try await s.rows("SELECT kind, value FROM follows WHERE user_id = \(userID) ORDER BY created_at, kind, value")
                .compactMap(Self.follow)
        }
    }

    public func follows(email: String) async throws -> [Follow] {
        try await database.session("read follows") { s in
            try await s.rows("""
                SELECT f.kind, f.value FROM follows f JOIN users u ON u.id = f.user_id
                WHERE u.email = \(email) ORDER BY f.created_at, f.kind, f.value
                """).compactMap(Self.follow)
        }
    }

    static func follow(_ row: PostgresRandomAccessRow) -> Follow? {
        guard let raw = try? row.get("kind", as: String.self), let kind = Follow.Kind(rawValue: raw),
              let value = try? row.get("value", as: String.self) else { return nil }
        return try? Follow(kind: kind, value: value)
    }
}

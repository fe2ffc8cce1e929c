import Foundation
import PaperboyCore
import PaperboyStore
import PostgresNIO

/// API tokens: stored as the SHA-256 of the secret, revocable, with their last use recorded.
extension PostgresAccountStore {
    public func createToken(userID: Int64, label: String, hash: Data, at: Date) async throws -> APIToken {
        try await database.session("create a token") { s in
            guard let id = try await s.value(Int64.self, try """
                INSERT INTO api_tokens (user_id, label, token_hash, created_at)
                VALUES (\(userID), \(label), \(hash), \(at.timeIntervalSince1970)) RETURNING id
                """) else { throw PaperboyError(.storage, "The token was not stored.") }
            return APIToken(id: id, userID: userID, label: label, createdAt: at)
        }
    }

    public func tokens(userID: Int64) async throws -> [APIToken] {
        try await database.session("read tokens") { s in
            try await s.rows("SELECT * FROM api_tokens WHERE user_id = \(userID) ORDER BY created_at DESC, id DESC").map { row in
                APIToken(id: try row.get("id"), userID: try row.get("user_id"), label: try row.get("label"),
                         createdAt: Date(timeIntervalSince1970: try row.get("created_at")),
                         lastUsedAt: (try row.get("last_used_at", as: Double?.self)).map(Date.init(timeIntervalSince1970:)))
            }
        }
    }

    public func revokeToken(id: Int64, userID: Int64) async throws {
        try await database.session("revoke a token") { s in
            guard try await s.execute("DELETE FROM api_tokens WHERE id = \(id) AND user_id = \(userID) RETURNING id") == 1 else {
                throw PaperboyError.notFound("No such token.")
            }
        }
    }

    public func user(tokenHash: Data, at: Date) async throws -> User? {
        try await database.session("check a token") { s in
            try await s.first(try """
                WITH used AS (
                    UPDATE api_tokens SET last_used_at = \(at.timeIntervalSince1970) WHERE token_hash = \(tokenHash)
                    RETURNING user_id
                )
                SELECT u.* FROM used JOIN users u ON u.id = used.user_id
                """).map(Self.user(from:))
        }
    }
}

import Foundation
import GRDB
import PaperboyCore

/// API tokens: stored as the SHA-256 of the secret, revocable, with their last use recorded.
extension SQLiteAccountStore {
    public func createToken(userID: Int64, label: String, hash: Data, at: Date) async throws -> APIToken {
        try await write("create a token") { db in
            try db.execute(sql: "INSERT INTO api_tokens (user_id, label, token_hash, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [userID, label, hash, at.timeIntervalSince1970])
            return APIToken(id: db.lastInsertedRowID, userID: userID, label: label, createdAt: at)
        }
    }

    public func tokens(userID: Int64) async throws -> [APIToken] {
        try await read("read tokens") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM api_tokens WHERE user_id = ? ORDER BY created_at DESC, id DESC",
                             arguments: [userID]).map { row in
                APIToken(id: row["id"], userID: row["user_id"], label: row["label"],
                         createdAt: Date(timeIntervalSince1970: row["created_at"]),
                         lastUsedAt: (row["last_used_at"] as Double?).map(Date.init(timeIntervalSince1970:)))
            }
        }
    }

    public func revokeToken(id: Int64, userID: Int64) async throws {
        try await write("revoke a token") { db in
            try db.execute(sql: "DELETE FROM api_tokens WHERE id = ? AND user_id = ?", arguments: [id, userID])
            guard db.changesCount == 1 else { throw PaperboyError.notFound("No such token.") }
        }
    }

    public func user(tokenHash: Data, at: Date) async throws -> User? {
        try await write("check a token") { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT u.*, t.id AS token_id FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?
                """, arguments: [tokenHash]) else { return nil }
            try db.execute(sql: "UPDATE api_tokens SET last_used_at = ? WHERE id = ?",
                           arguments: [at.timeIntervalSince1970, row["token_id"] as Int64])
            return Self.user(from: row)
        }
    }
}

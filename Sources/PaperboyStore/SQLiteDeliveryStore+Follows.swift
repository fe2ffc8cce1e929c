import Foundation
import GRDB
import PaperboyCore

extension SQLiteDeliveryStore {
    public func setFollow(userID: Int64, _ follow: Follow, on: Bool, now: Date) async throws {
        try await storage("change a follow") {
            try await writer.write { db in
                if on {
                    try db.execute(sql: "INSERT OR IGNORE INTO follows (user_id, kind, value, created_at) VALUES (?, ?, ?, ?)",
                                   arguments: [userID, follow.kind.rawValue, follow.value, now.timeIntervalSince1970])
                } else {
                    try db.execute(sql: "DELETE FROM follows WHERE user_id = ? AND kind = ? AND value = ?",
                                   arguments: [userID, follow.kind.rawValue, follow.value])
                }
            }
        }
    }

    public func follows(userID: Int64) async throws -> [Follow] {
        try await storage("read follows") {
            try await writer.read { db in
                try Row.fetchAll(db, sql: "SELECT kind, value FROM follows WHERE user_id = ? ORDER BY created_at, kind, value",
                                 arguments: [userID]).compactMap(Self.follow)
            }
        }
    }

    public func follows(email: String) async throws -> [Follow] {
        try await storage("read follows") {
            try await writer.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT f.kind, f.value FROM follows f JOIN users u ON u.id = f.user_id
                    WHERE u.email = ? ORDER BY f.created_at, f.kind, f.value
                    """, arguments: [email]).compactMap(Self.follow)
            }
        }
    }

    static func follow(_ row: Row) -> Follow? {
        guard let kind = Follow.Kind(rawValue: row["kind"]) else { return nil }
        return try? Follow(kind: kind, value: row["value"])
    }
}

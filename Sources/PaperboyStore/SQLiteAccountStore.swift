import Foundation
import GRDB
import PaperboyCore

/// The product's ``AccountStore`` on a ``SQLiteDatabase``: users, sign-in failures, session records (API
/// tokens are in `SQLiteAccountStore+Tokens.swift`). Each change is one write transaction.
public struct SQLiteAccountStore: AccountStore, SQLiteAggregate {
    let database: SQLiteDatabase

    public init(database: SQLiteDatabase) {
        self.database = database
    }

    // MARK: Accounts

    public func createUser(username: String, email: String, passwordHash: String, at: Date) async throws -> User {
        try await write("create an account") { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM users WHERE username = ? COLLATE NOCASE", arguments: [username]) == true {
                throw PaperboyError(.conflict, "The username '\(username)' is taken.")
            }
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM users WHERE email = ?", arguments: [email]) == true {
                throw PaperboyError(.conflict, "An account with that e-mail address exists already.")
            }
            try db.execute(sql: """
                INSERT INTO users (username, email, password_hash, created_at) VALUES (?, ?, ?, ?)
                """, arguments: [username, email, passwordHash, at.timeIntervalSince1970])
            return User(id: db.lastInsertedRowID, username: username, email: email, createdAt: at)
        }
    }

    public func user(id: Int64) async throws -> User? {
        try await read("read an account") { db in
            try Row.fetchOne(db, sql: "SELECT * FROM users WHERE id = ?", arguments: [id]).map(Self.user(from:))
        }
    }

    public func user(username: String) async throws -> User? {
        try await read("read an account") { db in
            try Row.fetchOne(db, sql: "SELECT * FROM users WHERE username = ? COLLATE NOCASE", arguments: [username])
                .map(Self.user(from:))
        }
    }

    public func credentials(login: String) async throws -> (user: User, passwordHash: String)? {
        try await read("read an account") { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT * FROM users WHERE username = ? COLLATE NOCASE OR email = ? LIMIT 1
                """, arguments: [login, login.lowercased()])
            return row.map { (Self.user(from: $0), $0["password_hash"] as String) }
        }
    }

    public func setPasswordHash(userID: Int64, _ hash: String) async throws {
        try await write("change a password") { db in
            try db.execute(sql: "UPDATE users SET password_hash = ? WHERE id = ?", arguments: [hash, userID])
            guard db.changesCount == 1 else { throw PaperboyError.notFound("No such account.") }
        }
    }

    public func setModerator(userID: Int64, _ isModerator: Bool) async throws {
        try await write("change a role") { db in
            try db.execute(sql: "UPDATE users SET is_moderator = ? WHERE id = ?", arguments: [isModerator, userID])
            guard db.changesCount == 1 else { throw PaperboyError.notFound("No such account.") }
        }
    }

    // MARK: Sign-in throttling

    public func recordLoginFailure(keys: [String], at: Date) async throws {
        try await write("record a failed sign-in") { db in
            for key in keys {
                try db.execute(sql: "INSERT INTO login_failures (key, at) VALUES (?, ?)",
                               arguments: [key, at.timeIntervalSince1970])
            }
            // Keep the table small: failures older than a day no longer matter.
            try db.execute(sql: "DELETE FROM login_failures WHERE at < ?", arguments: [at.timeIntervalSince1970 - 86_400])
        }
    }

    public func loginFailures(keys: [String], since: Date) async throws -> [String: Int] {
        try await read("read failed sign-ins") { db in
            var out: [String: Int] = [:]
            for key in keys {
                out[key] = try Int.fetchOne(db, sql: "SELECT count(*) FROM login_failures WHERE key = ? AND at >= ?",
                                            arguments: [key, since.timeIntervalSince1970]) ?? 0
            }
            return out
        }
    }

    public func clearLoginFailures(key: String) async throws {
        try await write("clear failed sign-ins") { db in
            try db.execute(sql: "DELETE FROM login_failures WHERE key = ?", arguments: [key])
        }
    }

    // MARK: Session records

    public func putSessionRecord(key: String, value: Data, expiresAt: Date?, onlyIfAbsent: Bool, now: Date) async throws {
        try await write("save a session") { db in
            if onlyIfAbsent, try Bool.fetchOne(db, sql: """
                SELECT 1 FROM sessions WHERE key = ? AND (expires_at IS NULL OR expires_at > ?)
                """, arguments: [key, now.timeIntervalSince1970]) == true {
                throw PaperboyError(.conflict, "A session record with that key exists.")
            }
            try db.execute(sql: """
                INSERT INTO sessions (key, value, expires_at) VALUES (?, ?, ?)
                ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at
                """, arguments: [key, value, expiresAt?.timeIntervalSince1970])
        }
    }

    public func sessionRecord(key: String, now: Date) async throws -> (value: Data, expiresAt: Date?)? {
        try await read("read a session") { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT value, expires_at FROM sessions WHERE key = ? AND (expires_at IS NULL OR expires_at > ?)
                """, arguments: [key, now.timeIntervalSince1970]) else { return nil }
            return (row["value"] as Data, (row["expires_at"] as Double?).map(Date.init(timeIntervalSince1970:)))
        }
    }

    public func removeSessionRecord(key: String) async throws {
        try await write("remove a session") { db in
            try db.execute(sql: "DELETE FROM sessions WHERE key = ?", arguments: [key])
        }
    }

    public func purgeExpiredSessions(now: Date) async throws -> Int {
        try await write("purge sessions") { db in
            try db.execute(sql: "DELETE FROM sessions WHERE expires_at <= ?", arguments: [now.timeIntervalSince1970])
            return db.changesCount
        }
    }

    // MARK: Helpers

    static func user(from row: Row) -> User {
        User(id: row["id"], username: row["username"], email: row["email"], isModerator: row["is_moderator"],
             createdAt: Date(timeIntervalSince1970: row["created_at"]))
    }
}

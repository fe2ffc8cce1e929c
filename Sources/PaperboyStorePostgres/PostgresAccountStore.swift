import Foundation
import PaperboyCore
import PaperboyStore
import PostgresNIO

/// ``AccountStore`` on a ``PostgresDatabase``: users, sign-in failures and session records (tokens in `+Tokens`).
/// Stored, not per process, so throttles and sessions hold on every instance. Uniqueness races end in the
/// unique indexes (a `conflict`), and conditional writes are single statements.
public struct PostgresAccountStore: AccountStore {
    let database: PostgresDatabase

    public init(database: PostgresDatabase) {
        self.database = database
    }

    // MARK: Accounts

    public func createUser(username: String, email: String, passwordHash: String, at: Date) async throws -> User {
        try await database.transaction("create an account") { s in
            if try await s.first("SELECT 1 FROM users WHERE lower(username) = lower(\(username))") != nil {
                throw PaperboyError(.conflict, "The username '\(username)' is taken.")
            }
            if try await s.first("SELECT 1 FROM users WHERE email = \(email)") != nil {
                throw PaperboyError(.conflict, "An account with that e-mail address exists already.")
            }
            guard let id = try await s.value(Int64.self, """
                INSERT INTO users (username, email, password_hash, created_at)
                VALUES (\(username), \(email), \(passwordHash), \(at.timeIntervalSince1970)) RETURNING id
                """) else { throw PaperboyError(.storage, "The account was not stored.") }
            return User(id: id, username: username, email: email, createdAt: at)
        }
    }

    public func user(id: Int64) async throws -> User? {
        try await database.session("read an account") { s in
            try await s.first("SELECT * FROM users WHERE id = \(id)").map(Self.user(from:))
        }
    }

    public func user(username: String) async throws -> User? {
        try await database.session("read an account") { s in
            try await s.first("SELECT * FROM users WHERE lower(username) = lower(\(username))").map(Self.user(from:))
        }
    }

    public func credentials(login: String) async throws -> (user: User, passwordHash: String)? {
        let found = try await database.session("read an account") { s -> (User, String)? in
            guard let row = try await s.first("""
                SELECT * FROM users WHERE lower(username) = lower(\(login)) OR email = \(login.lowercased())
                ORDER BY id LIMIT 1
                """) else { return nil }
            return (try Self.user(from: row), try row.get("password_hash", as: String.self))
        }
        return found.map { (user: $0.0, passwordHash: $0.1) }
    }

    public func setPasswordHash(userID: Int64, _ hash: String) async throws {
        try await database.session("change a password") { s in
            guard try await s.execute("UPDATE users SET password_hash = \(hash) WHERE id = \(userID) RETURNING id") == 1 else {
                throw PaperboyError.notFound("No such account.")
            }
        }
    }

    public func setModerator(userID: Int64, _ isModerator: Bool) async throws {
        try await database.session("change a role") { s in
            guard try await s.execute("UPDATE users SET is_moderator = \(isModerator) WHERE id = \(userID) RETURNING id") == 1 else {
                throw PaperboyError.notFound("No such account.")
            }
        }
    }

    // MARK: Sign-in throttling

    public func recordLoginFailure(keys: [String], at: Date) async throws {
        try await database.transaction("record a failed sign-in") { s in
            let t = at.timeIntervalSince1970
            try await s.execute("INSERT INTO login_failures (key, at) SELECT k, \(t) FROM unnest(\(keys)::text[]) AS k")
            // Keep the table small: failures older than a day no longer matter.
            try await s.execute("DELETE FROM login_failures WHERE at < \(t - 86_400)")
        }
    }

    public func loginFailures(keys: [String], since: Date) async throws -> [String: Int] {
        try await database.session("read failed sign-ins") { s in
            var out = Dictionary(uniqueKeysWithValues: keys.map { ($0, 0) })
            for row in try await s.rows("""
                SELECT key, count(*) AS n FROM login_failures
                WHERE key = ANY(\(keys)) AND at >= \(since.timeIntervalSince1970) GROUP BY key
                """) {
                out[try row.get("key", as: String.self)] = try row.get("n", as: Int.self)
            }
            return out
        }
    }

    public func clearLoginFailures(key: String) async throws {
        try await database.session("clear failed sign-ins") { s in
            try await s.execute("DELETE FROM login_failures WHERE key = \(key)")
        }
    }

    // MARK: Session records

    public func putSessionRecord(key: String, value: Data, expiresAt: Date?, onlyIfAbsent: Bool, now: Date) async throws {
        try await database.session("save a session") { s in
            let expiry = expiresAt?.timeIntervalSince1970
            if onlyIfAbsent {
                // One statement: an expired record may be replaced, a live one may not.
                let written = try await s.execute(try """
                    INSERT INTO sessions (key, value, expires_at) VALUES (\(key), \(value), \(expiry))
                    ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at
                    WHERE sessions.expires_at IS NOT NULL AND sessions.expires_at <= \(now.timeIntervalSince1970)
                    RETURNING 1
                    """)
                guard written == 1 else { throw PaperboyError(.conflict, "A session record with that key exists.") }
            } else {
                try await s.execute(try """
                    INSERT INTO sessions (key, value, expires_at) VALUES (\(key), \(value), \(expiry))
                    ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at
                    """)
            }
        }
    }

    public func sessionRecord(key: String, now: Date) async throws -> (value: Data, expiresAt: Date?)? {
        let found = try await database.session("read a session") { s -> (Data, Double?)? in
            guard let row = try await s.first("""
                SELECT value, expires_at FROM sessions
                WHERE key = \(key) AND (expires_at IS NULL OR expires_at > \(now.timeIntervalSince1970))
                """) else { return nil }
            return (try row.get("value", as: Data.self), try row.get("expires_at", as: Double?.self))
        }
        return found.map { (value: $0.0, expiresAt: $0.1.map(Date.init(timeIntervalSince1970:))) }
    }

    public func removeSessionRecord(key: String) async throws {
        try await database.session("remove a session") { s in
            try await s.execute("DELETE FROM sessions WHERE key = \(key)")
        }
    }

    public func purgeExpiredSessions(now: Date) async throws -> Int {
        try await database.session("purge sessions") { s in
            try await s.execute("DELETE FROM sessions WHERE expires_at <= \(now.timeIntervalSince1970) RETURNING 1")
        }
    }

    static func user(from row: PostgresRandomAccessRow) throws -> User {
        User(id: try row.get("id"), username: try row.get("username"), email: try row.get("email"),
             isModerator: try row.get("is_moderator"), createdAt: Date(timeIntervalSince1970: try row.get("created_at")))
    }
}

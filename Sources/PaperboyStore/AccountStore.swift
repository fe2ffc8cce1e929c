import Foundation
import PaperboyCore

/// The storage seam for accounts: users, credentials, sign-in failures, session records and API tokens.
/// ``SQLiteAccountStore`` implements it. Errors are ``PaperboyError``s: `notFound`, `conflict`, `storage`.
public protocol AccountStore: Sendable {
    // MARK: Accounts
    /// Creates an account; `conflict` when the username (any case) or e-mail is taken.
    func createUser(username: String, email: String, passwordHash: String, at: Date) async throws -> User
    func user(id: Int64) async throws -> User?
    /// By username, ignoring case.
    func user(username: String) async throws -> User?
    /// The account and its password hash, by username or e-mail (for sign-in).
    func credentials(login: String) async throws -> (user: User, passwordHash: String)?
    func setPasswordHash(userID: Int64, _ hash: String) async throws
    func setModerator(userID: Int64, _ isModerator: Bool) async throws

    // MARK: Sign-in throttling
    func recordLoginFailure(keys: [String], at: Date) async throws
    /// How many failures each key has had since `since`.
    func loginFailures(keys: [String], since: Date) async throws -> [String: Int]
    func clearLoginFailures(key: String) async throws

    // MARK: Session records (key → opaque JSON, with an optional expiry)
    /// Writes a record; with `onlyIfAbsent` a live record under `key` makes it fail with `conflict`.
    func putSessionRecord(key: String, value: Data, expiresAt: Date?, onlyIfAbsent: Bool, now: Date) async throws
    /// A live (unexpired at `now`) record.
    func sessionRecord(key: String, now: Date) async throws -> (value: Data, expiresAt: Date?)?
    func removeSessionRecord(key: String) async throws
    /// Deletes expired records; returns how many.
    func purgeExpiredSessions(now: Date) async throws -> Int

    // MARK: API tokens
    func createToken(userID: Int64, label: String, hash: Data, at: Date) async throws -> APIToken
    func tokens(userID: Int64) async throws -> [APIToken]
    /// Revokes one of the user's tokens; `notFound` when it is not theirs.
    func revokeToken(id: Int64, userID: Int64) async throws
    /// The owner of the token whose SHA-256 is `hash` (and records its use).
    func user(tokenHash: Data, at: Date) async throws -> User?
}

import Foundation
import PaperboyCore
import Testing
@testable import PaperboyStore

/// The behaviour every ``AccountStore`` owes: unique accounts, credentials by name or e-mail, sign-in failure
/// counts, session records with expiry, API tokens.
@Suite("AccountStore contract")
struct AccountStoreContractTests {
    static let at = Date(timeIntervalSince1970: 1_717_000_000)

    @Test(arguments: Backend.all)
    func accountsAreUniqueAndFoundByNameOrEmail(backend: Backend) async throws {
        let accounts = try await backend.make().accounts
        let ada = try await accounts.createUser(username: "Ada_L", email: "ada@example.org", passwordHash: "hash1", at: Self.at)
        await #expect(throws: PaperboyError.self) {
            try await accounts.createUser(username: "ada_l", email: "other@example.org", passwordHash: "h", at: Self.at)
        }
        await #expect(throws: PaperboyError.self) {
            try await accounts.createUser(username: "grace", email: "ada@example.org", passwordHash: "h", at: Self.at)
        }
        #expect(try await accounts.user(id: ada.id) == ada)
        #expect(try await accounts.user(username: "ADA_L")?.id == ada.id)
        #expect(try await accounts.credentials(login: "ada_l")?.passwordHash == "hash1")
        #expect(try await accounts.credentials(login: "ADA@example.org")?.user.id == ada.id)
        try await accounts.setPasswordHash(userID: ada.id, "hash2")
        #expect(try await accounts.credentials(login: "Ada_L")?.passwordHash == "hash2")
        try await accounts.setModerator(userID: ada.id, true)
        #expect(try await accounts.user(id: ada.id)?.isModerator == true)
        await #expect(throws: PaperboyError.self) { try await accounts.setModerator(userID: 999, true) }
        #expect(try await accounts.credentials(login: "nobody") == nil)
    }

    @Test(arguments: Backend.all)
    func loginFailuresCountPerKeyUntilCleared(backend: Backend) async throws {
        let accounts = try await backend.make().accounts
        try await accounts.recordLoginFailure(keys: ["account:ada", "ip:1.2.3.4"], at: Self.at)
        try await accounts.recordLoginFailure(keys: ["account:ada"], at: Self.at.addingTimeInterval(60))
        let counts = try await accounts.loginFailures(keys: ["account:ada", "ip:1.2.3.4", "ip:5.6.7.8"], since: Self.at)
        #expect(counts == ["account:ada": 2, "ip:1.2.3.4": 1, "ip:5.6.7.8": 0])
        #expect(try await accounts.loginFailures(keys: ["account:ada"], since: Self.at.addingTimeInterval(30)) == ["account:ada": 1])
        try await accounts.clearLoginFailures(key: "account:ada")
        #expect(try await accounts.loginFailures(keys: ["account:ada"], since: Self.at) == ["account:ada": 0])
    }

    @Test(arguments: Backend.all)
    func sessionRecordsExpireAndRefuseLiveDuplicates(backend: Backend) async throws {
        let accounts = try await backend.make().accounts
        let later = Self.at.addingTimeInterval(3600)
        try await accounts.putSessionRecord(key: "s1", value: Data("one".utf8), expiresAt: later, onlyIfAbsent: true, now: Self.at)
        await #expect(throws: PaperboyError.self) {
            try await accounts.putSessionRecord(key: "s1", value: Data("two".utf8), expiresAt: later, onlyIfAbsent: true, now: Self.at)
        }
        try await accounts.putSessionRecord(key: "s1", value: Data("two".utf8), expiresAt: later, onlyIfAbsent: false, now: Self.at)
        #expect(try await accounts.sessionRecord(key: "s1", now: Self.at)?.value == Data("two".utf8))
        #expect(try await accounts.sessionRecord(key: "s1", now: later) == nil, "expired at its expiry")
        try await accounts.putSessionRecord(key: "s2", value: Data(), expiresAt: nil, onlyIfAbsent: false, now: Self.at)
        #expect(try await accounts.purgeExpiredSessions(now: later) == 1)
        #expect(try await accounts.sessionRecord(key: "s2", now: later) != nil)
        try await accounts.removeSessionRecord(key: "s2")
        #expect(try await accounts.sessionRecord(key: "s2", now: later) == nil)
    }

    @Test(arguments: Backend.all)
    func tokensFindTheirOwnerUntilRevoked(backend: Backend) async throws {
        let accounts = try await backend.make().accounts
        let ada = try await accounts.createUser(username: "ada", email: "ada@example.org", passwordHash: "h", at: Self.at)
        let grace = try await accounts.createUser(username: "grace", email: "grace@example.org", passwordHash: "h", at: Self.at)
        let hash = Data(repeating: 7, count: 32)
        let token = try await accounts.createToken(userID: ada.id, label: "laptop", hash: hash, at: Self.at)
        #expect(try await accounts.user(tokenHash: hash, at: Self.at.addingTimeInterval(5))?.id == ada.id)
        #expect(try await accounts.tokens(userID: ada.id).first?.lastUsedAt == Self.at.addingTimeInterval(5))
        await #expect(throws: PaperboyError.self) { try await accounts.revokeToken(id: token.id, userID: grace.id) }
        try await accounts.revokeToken(id: token.id, userID: ada.id)
        #expect(try await accounts.user(tokenHash: hash, at: Self.at) == nil)
        #expect(try await accounts.tokens(userID: ada.id).isEmpty)
    }
}

import Foundation
import PaperboyCore
import PaperboyStore

/// Sign-in throttling: at most `limit` failures per account and per IP address in `window`; past that, sign-in is
/// refused (even with the right password) until failures age out. A success clears the account's failures.
struct LoginThrottle: Sendable {
    let store: any AccountStore
    var limit = 10
    var window: TimeInterval = 15 * 60

    static func keys(login: String, ip: String?) -> [String] {
        ["account:" + login.trimmingWhitespace().lowercased()] + (ip.map { ["ip:" + $0] } ?? [])
    }

    func check(login: String, ip: String?, now: Date) async throws {
        let counts = try await store.loginFailures(keys: Self.keys(login: login, ip: ip), since: now.addingTimeInterval(-window))
        if counts.values.contains(where: { $0 >= limit }) {
            throw PaperboyError(.rateLimited,
                                "Too many failed sign-ins for this account or from your network. Wait 15 minutes and try again.")
        }
    }

    func failed(login: String, ip: String?, now: Date) async throws {
        try await store.recordLoginFailure(keys: Self.keys(login: login, ip: ip), at: now)
    }

    func succeeded(login: String) async throws {
        try await store.clearLoginFailures(key: Self.keys(login: login, ip: nil)[0])
    }
}

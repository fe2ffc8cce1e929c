import Foundation
import PaperboyCore
import PaperboyStore

/// One-time e-mail sign-in links: signed (``TokenSigner/Purpose/signIn``), bound to the address, valid for
/// ``lifetime``, usable once (the token's digest goes into `used_tokens` on first use), and throttled per address
/// (``maxPerWindow`` links per ``window``; the throttle lives in this process).
public actor SignInLinks {
    public static let lifetime: TimeInterval = 15 * 60
    public static let window: TimeInterval = 15 * 60
    public static let maxPerWindow = 3

    let signer: TokenSigner
    let store: any DeliveryStore
    private var issued: [String: [Date]] = [:]

    public init(signer: TokenSigner, store: any DeliveryStore) {
        self.signer = signer
        self.store = store
    }

    /// A new link token for `email`, or `nil` when the address asked for too many recently.
    public func issue(for email: String, now: Date) -> String? {
        var recent = (issued[email] ?? []).filter { now.timeIntervalSince($0) < Self.window }
        guard recent.count < Self.maxPerWindow else {
            issued[email] = recent
            return nil
        }
        recent.append(now)
        issued[email] = recent
        if issued.count > 10_000 { issued = issued.filter { !$0.value.isEmpty && now.timeIntervalSince($0.value.last!) < Self.window } }
        let nonce = UUID().uuidString.lowercased()
        return signer.sign(.signIn, email: email, nonce: nonce, expires: now.addingTimeInterval(Self.lifetime))
    }

    /// The address a valid, unexpired, unused token was issued for; marks the token used.
    /// - Throws: ``PaperboyError`` `.invalidInput` for a forged, expired or already used link.
    public func redeem(_ token: String, now: Date) async throws -> String {
        let claims = try signer.verify(token, purpose: .signIn, now: now)
        guard try await store.useToken(digest: TokenSigner.digest(token), now: now) else {
            throw PaperboyError(.invalidInput, "This sign-in link was already used. Ask for a new one.")
        }
        return claims.email
    }
}

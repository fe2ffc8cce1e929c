import Crypto
import Foundation
import PaperboyCore

/// Signed, self-contained tokens for links in e-mails (confirm a subscription, unsubscribe, sign in) and for the
/// private "For you" feed URLs (purpose `feed`, the "e-mail" field holding the user id).
///
/// A token is `base64url(payload) "." base64url(HMAC-SHA256(secret, payload))` with the payload
/// `purpose \n email \n nonce \n expiry`. The purpose binds a token to one action, the e-mail to one address, the
/// nonce to the subscription's current state (unsubscribing rotates it, so old links stop working), and the
/// expiry (seconds since 1970, 0 = none) to a time window. Changing any byte changes the MAC.
public struct TokenSigner: Sendable {
    public enum Purpose: String, Sendable {
        case confirm, unsubscribe, signIn = "signin", feed
    }

    /// What a valid token says.
    public struct Claims: Sendable, Equatable {
        public var purpose: Purpose
        public var email: String
        public var nonce: String
        public var expires: Date?
    }

    let secret: Data
    var key: SymmetricKey { SymmetricKey(data: secret) }

    /// `secret` must be at least 16 bytes of text (the server generates 32 random bytes when none is configured).
    public init(secret: String) throws(PaperboyError) {
        guard secret.utf8.count >= 16 else {
            throw PaperboyError(.configuration, "PAPERBOY_SECRET must be at least 16 characters long.")
        }
        self.secret = Data(secret.utf8)
    }

    /// A new random secret (32 bytes, base64url).
    public static func randomSecret() -> String {
        Base64URL.encode(Data(SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }))
    }

    public func sign(_ purpose: Purpose, email: String, nonce: String, expires: Date? = nil) -> String {
        let expiry = expires.map { Int64($0.timeIntervalSince1970) } ?? 0
        let payload = Data("\(purpose.rawValue)\n\(email)\n\(nonce)\n\(expiry)".utf8)
        let mac = HMAC<SHA256>.authenticationCode(for: payload, using: key)
        return Base64URL.encode(payload) + "." + Base64URL.encode(Data(mac))
    }

    /// Checks the MAC, the purpose and the expiry.
    /// - Throws: ``PaperboyError`` `.invalidInput` ("this link is not valid" / "has expired").
    public func verify(_ token: String, purpose: Purpose, now: Date) throws(PaperboyError) -> Claims {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let payload = Self.decode(parts[0]), let mac = Self.decode(parts[1]),
              HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: payload, using: key),
              let text = String(data: payload, encoding: .utf8)
        else { throw PaperboyError(.invalidInput, "This link is not valid. Copy the whole link from the e-mail.") }
        let fields = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 4, fields[0] == purpose.rawValue, let expiry = Int64(fields[3]) else {
            throw PaperboyError(.invalidInput, "This link is not valid for this page.")
        }
        let expires = expiry == 0 ? nil : Date(timeIntervalSince1970: TimeInterval(expiry))
        if let expires, expires < now {
            throw PaperboyError(.invalidInput, "This link has expired. Ask for a new one.")
        }
        return Claims(purpose: purpose, email: fields[1], nonce: fields[2], expires: expires)
    }

    /// SHA-256 of a token, hex: what the single-use ledger stores.
    public static func digest(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Base64url with a size cap, so a forged link cannot make us decode megabytes.
    static func decode(_ text: Substring) -> Data? {
        text.count <= 4096 ? Base64URL.decode(text) : nil
    }
}

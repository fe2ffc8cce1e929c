import Foundation
import Hummingbird
import HummingbirdAuth
import PaperboyCore

/// Signing in and out on top of hummingbird-auth's `SessionMiddleware` (records in the `sessions` table via
/// ``SQLitePersistDriver``).
///
/// **Seam for one-time e-mail links:** a magic-link handler verifies its token, loads the ``User`` and calls
/// ``signIn(_:request:context:)`` — the same call password sign-in makes — then redirects.
public struct SessionLayer: Sendable {
    /// Cookie name; the value is a random 32-byte id (base64).
    public static let cookieName = "paperboy_session"
    /// Key prefix of session records in the store.
    static let keyPrefix = "session:"
    /// How long a signed-in session lasts.
    public static let signedInLifetime: Duration = .seconds(30 * 86_400)
    /// How long an anonymous session (one made for a sign-in form's CSRF token) lasts.
    public static let anonymousLifetime: Duration = .seconds(2 * 3_600)

    let driver: SQLitePersistDriver
    let secureCookies: Bool

    /// The hummingbird-auth middleware: `HttpOnly`, `SameSite=Lax`, `Secure` when `secureCookies`.
    func middleware<Context: CommunityRequestContext>(_: Context.Type) -> SessionMiddleware<Context> {
        SessionMiddleware(storage: driver, configuration: .init(
            sessionCookieParameters: .init(name: Self.cookieName, path: "/", secure: secureCookies, sameSite: .lax),
            keyPrefix: Self.keyPrefix, defaultSessionExpiration: Self.signedInLifetime))
    }

    /// Starts a signed-in session for `user` with a fresh id and CSRF token; the previous session record (and
    /// so its id) is destroyed — session fixation is not possible.
    public func signIn<Context: CommunityRequestContext>(_ user: User, request: Request, context: inout Context) async throws {
        try await destroyCurrentRecord(request)
        context.sessions.createSession(WebSession(userID: user.id, csrf: Self.randomToken()), expiresIn: Self.signedInLifetime)
        context.viewer = user
    }

    /// Ends the session: the record is deleted and the cookie expired by the middleware.
    public func signOut<Context: CommunityRequestContext>(context: inout Context) {
        context.sessions.clearSession()
        context.viewer = nil
    }

    /// Makes sure the visitor has a session (so a form can carry a CSRF token); returns the token.
    @discardableResult
    public func ensureSession<Context: CommunityRequestContext>(context: Context) -> String {
        if let token = context.sessions.session?.csrf { return token }
        let token = Self.randomToken()
        context.sessions.createSession(WebSession(userID: nil, csrf: token), expiresIn: Self.anonymousLifetime)
        return token
    }

    private func destroyCurrentRecord(_ request: Request) async throws {
        if let id = request.cookies[Self.cookieName]?.value {
            try await driver.remove(key: Self.keyPrefix + id)
        }
    }

    /// 32 random bytes, URL-safe base64 without padding.
    static func randomToken() -> String {
        var rng = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &rng) }
        return Base64URL.encode(Data(bytes))
    }
}

import Crypto
import Foundation
import Hummingbird
import HummingbirdAuth
import PaperboyCore
import PaperboyStore

/// `Authorization: Bearer <token>` for write endpoints: sets `context.tokenUser`, or answers 401 (no or unknown
/// token) / 403 (a moderator-only endpoint and the token's user is not one). Reusable in front of any route group,
/// e.g. `router.group("/api/papers/index").add(middleware: BearerAuthMiddleware(store: …, requireModerator: true))`.
public struct BearerAuthMiddleware<Context: CommunityRequestContext>: RouterMiddleware {
    let store: any AccountStore
    let requireModerator: Bool
    let clock: @Sendable () -> Date

    public init(store: any AccountStore, requireModerator: Bool = false, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.requireModerator = requireModerator
        self.clock = clock
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let token = request.headers.bearer?.token, !token.isEmpty else {
            return Self.refusal(.unauthorized, "This endpoint needs an API token: Authorization: Bearer <token>.")
        }
        guard let user = try await store.user(tokenHash: APITokens.hash(token), at: clock()) else {
            return Self.refusal(.unauthorized, "That API token is not valid (revoked or mistyped).")
        }
        guard !requireModerator || user.isModerator else {
            return Self.refusal(.forbidden, "This endpoint is for moderators.")
        }
        var context = context
        context.tokenUser = user
        return try await next(request, context)
    }

    static func refusal(_ status: HTTPResponse.Status, _ message: String) -> Response {
        var response = JSONResponse.error(message, status: status)
        if status == .unauthorized { response.headers[.wwwAuthenticate] = "Bearer" }
        return response
    }
}

/// Personal API tokens: `pb_` + 32 random bytes (URL-safe base64), shown once; only the SHA-256 is stored.
public enum APITokens {
    public static func generate() -> String { "pb_" + SessionLayer.randomToken() }

    public static func hash(_ token: String) -> Data { Data(SHA256.hash(data: Data(token.utf8))) }

    /// Creates a token for `user`; returns the secret (to show once) and its record.
    public static func create(for user: User, label: String, store: any AccountStore, at: Date) async throws
        -> (secret: String, token: APIToken) {
        let clean = label.trimmingWhitespace()
        guard clean.count <= 100 else { throw PaperboyError.invalid("A token label has at most 100 characters.") }
        let secret = generate()
        let token = try await store.createToken(userID: user.id, label: clean.isEmpty ? "token" : clean,
                                                hash: hash(secret), at: at)
        return (secret, token)
    }
}

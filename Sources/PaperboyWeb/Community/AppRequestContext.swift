import Foundation
import Hummingbird
import HummingbirdAuth
import PaperboyCore

/// What a session stores server-side (the cookie holds only its random id).
public struct WebSession: Codable, Sendable, Equatable {
    /// The signed-in account; `nil` for an anonymous session (made so sign-in forms have a CSRF token).
    public var userID: Int64?
    /// The per-session CSRF token every state-changing form must echo back as `_csrf`.
    public var csrf: String

    public init(userID: Int64?, csrf: String) {
        self.userID = userID
        self.csrf = csrf
    }
}

/// A request context that can tell who is asking: the session (cookie) user for pages, the token user for the API.
public protocol CommunityRequestContext: SessionRequestContext where Session == WebSession {
    /// The signed-in user of the session, set by ``ViewerMiddleware``.
    var viewer: User? { get set }
    /// The user of a valid `Authorization: Bearer` token, set by ``BearerAuthMiddleware``.
    var tokenUser: User? { get set }
    /// The client's IP address, for sign-in throttling (`nil` when unknown, e.g. in router tests): the peer's, or
    /// what a trusted load balancer says in `X-Forwarded-For` (``ClientAddressMiddleware``).
    var remoteIP: String? { get set }
}

/// The app's request context (replaces `BasicRequestContext`).
public struct AppRequestContext: CommunityRequestContext, RequestContext {
    public var coreContext: CoreRequestContextStorage
    public let sessions: SessionContext<WebSession>
    public var viewer: User?
    public var tokenUser: User?
    public var remoteIP: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        sessions = .init()
        remoteIP = source.channel.remoteAddress?.ipAddress
    }
}

extension CommunityRequestContext {
    /// The session's CSRF token, if there is a session.
    var csrfToken: String? { sessions.session?.csrf }

    /// What the page frame shows about the visitor.
    var visitor: VisitorView { VisitorView(viewer: viewer, csrf: csrfToken) }
}

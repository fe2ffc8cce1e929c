import Foundation
import Hummingbird
import PaperboyCore

/// Refuses state-changing HTML requests (POST/PUT/PATCH/DELETE outside `/api/`) whose form does not carry the
/// session's CSRF token as `_csrf` (compared in constant time). The form is read with ``FormFields``, as the
/// controllers read it, so the middleware and the handler agree on every field. The API is exempt: it
/// authenticates with Bearer tokens, never cookies, so a cross-site page cannot ride on a signed-in browser.
///
/// Also exempt: forms that act with no session authority. `/subscribe` (anyone may ask for a confirmation mail to
/// any address — the double opt-in is the protection, and visitors without a session must be able to subscribe),
/// `/unsubscribe` (authorised by the signed token in its URL; RFC 8058 one-click POSTs come from mail providers with
/// no cookies) and `/signin/email` (mails a link to the address's owner; signing in happens only through the link).
/// `/mcp` is exempt like the API: JSON-RPC for agents, read-only tools, no cookie-authenticated action
/// (`MCPController`; cross-origin browser requests are refused there by their `Origin`).
struct CSRFMiddleware<Context: CommunityRequestContext>: RouterMiddleware {
    static var sessionlessPaths: Set<String> { ["/subscribe", "/unsubscribe", "/signin/email"] }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard ![.get, .head, .options].contains(request.method), !request.uri.path.hasPrefix("/api/"), request.uri.path != "/mcp",
              !Self.sessionlessPaths.contains(request.uri.path) else {
            return try await next(request, context)
        }
        var request = request
        let sent = try await request.form()["_csrf"] ?? ""
        guard let expected = context.csrfToken, Self.constantTimeEqual(sent, expected) else {
            throw PaperboyError.forbidden(
                "This form has expired or did not come from this site. Go back, reload the page and try again.")
        }
        return try await next(request, context)
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count, !x.isEmpty else { return false }
        var diff: UInt8 = 0
        for i in 0..<x.count { diff |= x[i] ^ y[i] }
        return diff == 0
    }
}

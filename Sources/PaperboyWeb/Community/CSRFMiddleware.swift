import Foundation
import Hummingbird
import PaperboyCore

/// Refuses state-changing HTML requests (POST/PUT/PATCH/DELETE outside `/api/`) whose form does not carry the
/// session's CSRF token as `_csrf` (compared in constant time). The API is exempt: it authenticates with Bearer
/// tokens, never cookies, so a cross-site page cannot ride on a signed-in browser.
///
/// Also exempt: forms that act with no session authority. `/subscribe` (anyone may ask for a confirmation mail to
/// any address — the double opt-in is the protection, and visitors without a session must be able to subscribe),
/// `/unsubscribe` (authorised by the signed token in its URL; RFC 8058 one-click POSTs come from mail providers with
/// no cookies) and `/signin/email` (mails a link to the address's owner; signing in happens only through the link).
struct CSRFMiddleware<Context: CommunityRequestContext>: RouterMiddleware {
    static var maxFormBytes: Int { 64 * 1024 }
    static var sessionlessPaths: Set<String> { ["/subscribe", "/unsubscribe", "/signin/email"] }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard ![.get, .head, .options].contains(request.method), !request.uri.path.hasPrefix("/api/"),
              !Self.sessionlessPaths.contains(request.uri.path) else {
            return try await next(request, context)
        }
        var request = request
        let body = try await request.collectBody(upTo: Self.maxFormBytes)
        let sent = FormFields(body)["_csrf"] ?? ""
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

/// `application/x-www-form-urlencoded` fields (the last value of a repeated name wins).
struct FormFields: Sendable {
    private var values: [String: String] = [:]

    init(_ buffer: ByteBuffer) {
        self.init(String(buffer: buffer))
    }

    init(_ text: String) {
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let rawName = parts.first else { continue }
            let name = Self.decode(rawName)
            values[name] = parts.count > 1 ? Self.decode(parts[1]) : ""
        }
    }

    subscript(_ name: String) -> String? { values[name] }

    /// A required, non-blank field.
    func require(_ name: String, label: String) throws -> String {
        guard let v = values[name], !v.trimmingWhitespace().isEmpty else {
            throw PaperboyError.invalid("\(label) is required.")
        }
        return v
    }

    private static func decode(_ s: Substring) -> String {
        s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
    }
}

extension Request {
    /// The request's form (already collected by ``CSRFMiddleware``).
    mutating func form() async throws -> FormFields {
        FormFields(try await collectBody(upTo: CSRFMiddleware<AppRequestContext>.maxFormBytes))
    }
}

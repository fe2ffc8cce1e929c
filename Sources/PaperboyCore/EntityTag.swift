import Foundation

/// HTTP entity tags (RFC 9110 §8.8.3) and the one `If-None-Match` rule every route uses: pages, JSON answers,
/// feeds and static assets.
public enum EntityTag {
    /// `value` as a strong tag: quoted (`"…"`). `value` must not contain `"`.
    public static func strong(_ value: String) -> String { "\"" + value + "\"" }

    /// The tag of the gzip-encoded form of the representation tagged `etag`: a strong validator names one
    /// representation, and a different content coding is a different one (RFC 9110 §8.8.1), so the compressed body
    /// gets its own tag (`"abc"` → `"abc-gz"`, the way Apache's mod_deflate does). Weak tags keep their `W/`.
    public static func gzipVariant(_ etag: String) -> String {
        guard etag.hasSuffix("\""), etag.count >= 2 else { return etag }
        return String(etag.dropLast()) + "-gz\""
    }

    /// Whether `If-None-Match` names either coding of the representation tagged `etag` (a client that revalidates
    /// the gzip copy with its tag gets a 304 just as one holding the identity copy does).
    public static func matchesAnyCoding(ifNoneMatch header: String?, etag: String) -> Bool {
        matches(ifNoneMatch: header, etag: etag) || matches(ifNoneMatch: header, etag: gzipVariant(etag))
    }

    /// Whether an `If-None-Match` header value matches `etag`, so a GET may be answered `304 Not Modified`.
    ///
    /// `*` matches anything; otherwise the comma-separated list is compared with the weak comparison GET allows
    /// (a `W/` prefix on either side is ignored). An absent or empty header matches nothing.
    public static func matches(ifNoneMatch header: String?, etag: String) -> Bool {
        guard let header, !header.isEmpty else { return false }
        let wanted = opaque(etag)
        for candidate in header.split(separator: ",") {
            let tag = candidate.trimmingCharacters(in: .whitespaces)
            if tag == "*" || opaque(tag) == wanted { return true }
        }
        return false
    }

    private static func opaque<S: StringProtocol>(_ tag: S) -> Substring {
        let text = Substring(tag)
        return text.hasPrefix("W/") ? text.dropFirst(2) : text
    }
}

import Foundation
import PaperboyCore

/// HTTP cache validators for a rendered feed: a strong `ETag` over the exact bytes and a
/// `Last-Modified` from the newest entry, plus the conditional-request check that decides on a 304.
public struct FeedCacheValidators: Sendable, Equatable {
    /// The strong entity tag, quoted: `"` + first 32 hex digits of SHA-256(bytes) + `"`.
    public var etag: String
    /// The newest entry's `updated` (or the feed's), truncated to whole seconds.
    public var lastModified: Date

    /// Computes validators for `bytes` rendered from `feed`.
    public init(bytes: [UInt8], feed: FeedDocument) {
        self.init(bytes: bytes, lastModified: feed.lastModified)
    }

    /// Computes validators for `bytes` last changed at `lastModified`.
    public init(bytes: [UInt8], lastModified: Date) {
        etag = "\"" + SHA256.hex(bytes).prefix(32) + "\""
        self.lastModified = Date(timeIntervalSince1970: floor(lastModified.timeIntervalSince1970))
    }

    /// The `Last-Modified` header value (IMF-fixdate, e.g. `Sun, 29 Nov 2026 15:39:50 GMT`).
    public var lastModifiedHeader: String { FeedDates.rfc822(lastModified) }

    /// Whether a request with these headers can be answered with `304 Not Modified`.
    ///
    /// `If-None-Match` wins when present (RFC 9110 §13.2.2): a match against ``etag`` (or `*`; weak
    /// `W/` prefixes are compared weakly, as GET allows). Otherwise `If-Modified-Since` is compared
    /// with ``lastModified`` at one-second resolution.
    public func isNotModified(ifNoneMatch: String?, ifModifiedSince: String?) -> Bool {
        if let ifNoneMatch {
            return EntityTag.matchesAnyCoding(ifNoneMatch: ifNoneMatch, etag: etag)
        }
        if let ifModifiedSince, let since = UTCDateTime.parseRFC1123(ifModifiedSince) {
            return lastModified <= since
        }
        return false
    }
}

import Foundation
import PaperboyCore

/// Formats dates as RFC 5322 `date-time` in UTC, e.g. `Sun, 29 Nov 2026 15:39:50 +0000`.
public enum RFC5322Date {
    /// The RFC 5322 representation of `date` (whole seconds, UTC).
    public static func string(from date: Date) -> String {
        UTCDateTime(date).rfc1123(zone: "+0000")
    }
}

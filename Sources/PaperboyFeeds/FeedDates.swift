import Foundation
import PaperboyCore

/// Date formats used by feeds and HTTP, always in UTC, whole seconds.
public enum FeedDates {
    /// RFC 822/1123 as used by RSS 2.0 and HTTP: `Sun, 29 Nov 2026 15:39:50 GMT`.
    public static func rfc822(_ date: Date) -> String {
        UTCDateTime(date).rfc1123(zone: "GMT")
    }

    /// RFC 3339 as used by Atom: `2026-11-29T15:39:50Z`.
    public static func rfc3339(_ date: Date) -> String {
        let moment = UTCDateTime(date)
        return "\(moment.day)T\(moment.timeOfDay)Z"
    }
}

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

    /// Parses an HTTP IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), as sent in `If-Modified-Since`.
    public static func parseHTTPDate(_ text: String) -> Date? {
        let fields = text.split(separator: " ")
        guard fields.count == 6, fields[5] == "GMT", let day = Int(fields[1]), let year = Int(fields[3]),
              let monthIndex = UTCDateTime.monthNames.firstIndex(of: String(fields[2])) else { return nil }
        let time = fields[4].split(separator: ":").compactMap { Int($0) }
        guard time.count == 3, (0...23).contains(time[0]), (0...59).contains(time[1]), (0...60).contains(time[2]),
              let calendarDay = try? Day(year: year, month: monthIndex + 1, day: day) else { return nil }
        let seconds = calendarDay.daysSinceEpoch * 86_400 + time[0] * 3600 + time[1] * 60 + time[2]
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }
}

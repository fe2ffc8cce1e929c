import Foundation

/// A moment broken into UTC calendar fields (whole seconds, proleptic Gregorian), for the date formats mail, feeds
/// and HTTP write. The calendar arithmetic is ``Day``'s; this adds the time of day and the English names.
public struct UTCDateTime: Sendable, Hashable {
    public let day: Day
    /// Seconds since midnight, 0…86,399.
    public let secondOfDay: Int

    public init(_ date: Date) {
        let seconds = Int(floor(date.timeIntervalSince1970))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        day = Day(daysSinceEpoch: days)
        secondOfDay = seconds - days * 86_400
    }

    public var hour: Int { secondOfDay / 3600 }
    public var minute: Int { secondOfDay / 60 % 60 }
    public var second: Int { secondOfDay % 60 }

    static let weekdayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    /// English month abbreviations as RFC 5322 and RFC 1123 spell them, January first.
    public static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `HH:MM:SS`.
    public var timeOfDay: String { "\(Self.two(hour)):\(Self.two(minute)):\(Self.two(second))" }

    /// The RFC 5322 / RFC 1123 form, `Sun, 29 Nov 2026 15:39:50 ` followed by `zone` (`+0000` in mail, `GMT` in HTTP
    /// and RSS).
    public func rfc1123(zone: String) -> String {
        let c = day.components
        return "\(Self.weekdayNames[day.isoWeekday - 1]), \(Self.two(c.day)) \(Self.monthNames[c.month - 1]) \(c.year) "
            + "\(timeOfDay) \(zone)"
    }

    static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}

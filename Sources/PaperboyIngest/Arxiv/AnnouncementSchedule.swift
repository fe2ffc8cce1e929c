import Foundation
import PaperboyCore

/// When arXiv announces: 20:00 US Eastern time, Sunday to Thursday (00:00 UTC during daylight saving time,
/// 01:00 UTC in winter). The announcement is listed under the next UTC day (Monday to Friday), which is the
/// day its papers are featured on.
public struct AnnouncementSchedule: Sendable {
    /// How long after the announcement to fetch (the feeds take a few minutes to update).
    public var lag: Duration
    let eastern: TimeZone

    public init(lag: Duration = .seconds(30 * 60)) {
        self.lag = lag
        // Fallback if the zone database is missing: EST all year (fetches an hour late in summer, never early).
        eastern = TimeZone(identifier: "America/New_York") ?? TimeZone(secondsFromGMT: -5 * 3600)!
    }

    /// The first announcement strictly after `date`.
    public func nextAnnouncement(after date: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = eastern
        var day = calendar.startOfDay(for: date)
        for _ in 0..<9 {
            let weekday = calendar.component(.weekday, from: day)   // 1 = Sunday … 7 = Saturday
            if (1...5).contains(weekday),
               let at = calendar.date(bySettingHour: 20, minute: 0, second: 0, of: day), at > date {
                return at
            }
            day = calendar.date(byAdding: .day, value: 1, to: day) ?? day.addingTimeInterval(86_400)
        }
        return date.addingTimeInterval(86_400)
    }

    /// The most recent announcement at or before `date`.
    public func lastAnnouncement(atOrBefore date: Date) -> Date {
        var probe = date.addingTimeInterval(-4 * 86_400)
        var last = probe
        while true {
            let next = nextAnnouncement(after: probe)
            if next > date { return last }
            last = next
            probe = next
        }
    }

    /// The day an announcement's papers are listed under: its UTC day.
    public func listingDay(of announcement: Date) -> Day {
        Day(secondsSinceEpoch: announcement.timeIntervalSince1970)
    }

    /// When to fetch next: `lag` after the next announcement after `date`.
    public func nextFetch(after date: Date) -> (at: Date, day: Day) {
        let lagSeconds = Double(lag.components.seconds) + Double(lag.components.attoseconds) / 1e18
        let announcement = nextAnnouncement(after: date.addingTimeInterval(-lagSeconds))
        return (announcement.addingTimeInterval(lagSeconds), listingDay(of: announcement))
    }
}

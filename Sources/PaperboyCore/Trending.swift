import Foundation

/// Time-decayed popularity, the ranking of `/papers/trending` and `sort=trending`.
///
/// The score is the Hacker-News form
///
///     score = (upvotes + 1) / (ageHours + 2) ^ gravity,   gravity = 1.5
///
/// where `ageHours` is the time since the paper was featured (never negative). The `+ 1` lets a brand-new
/// paper with no votes outrank a week-old one with a single vote; the `+ 2` hours damps the first hours so a
/// paper's first vote does not send it to the top; `gravity` 1.5 halves a paper's standing roughly every
/// 1.6 × its age, so a 3-day-old paper needs ~6× the votes of a 12-hour-old one to tie.
///
/// Only entries featured within ``window`` of "now" are candidates. "Now" is the clock, except when the
/// newest featured day is older than the window (a snapshot database): then the end of the newest day is
/// used, so an imported snapshot still shows what was trending when it was taken.
public enum Trending {
    public static let gravity = 1.5
    /// How far back trending looks: 7 days.
    public static let window: TimeInterval = 7 * 86_400

    /// The score of an entry with `upvotes`, featured at `featuredAt`, seen at `now`.
    public static func score(upvotes: Int, featuredAt: Date, now: Date) -> Double {
        let ageHours = max(0, now.timeIntervalSince(featuredAt) / 3600)
        return Double(max(0, upvotes) + 1) / pow(ageHours + 2, gravity)
    }

    /// The reference time for trending given the clock and the newest featured day in the database.
    public static func referenceNow(clock: Date, newestDay: Day?) -> Date {
        guard let newestDay else { return clock }
        let endOfNewest = Date(timeIntervalSince1970: newestDay.advanced(by: 1).secondsSinceEpoch)
        if clock.timeIntervalSince(endOfNewest) > window { return endOfNewest }
        return clock
    }

    /// The days an entry must fall in to be a trending candidate at `now`.
    public static func candidateDays(now: Date) -> ClosedRange<Day> {
        let last = Day(secondsSinceEpoch: now.timeIntervalSince1970)
        let first = Day(secondsSinceEpoch: now.timeIntervalSince1970 - window)
        return first...last
    }
}

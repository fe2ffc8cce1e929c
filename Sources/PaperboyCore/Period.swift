/// A calendar month, `YYYY-MM`.
public struct Month: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    public init(parsing text: String) throws(PaperboyError) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
              let y = Int(parts[0]), let m = Int(parts[1])
        else { throw .invalid("'\(text.prefix(40))' is not a month (expected YYYY-MM).") }
        guard (1...9999).contains(y), (1...12).contains(m) else {
            throw .invalid("'\(text)' is not a valid month (month must be 01–12).")
        }
        self.init(unchecked: y, m)
    }

    init(unchecked year: Int, _ month: Int) {
        self.year = year
        self.month = month
    }

    public var firstDay: Day { Day(unchecked: year, month, 1) }
    public var lastDay: Day { Day(unchecked: year, month, Day.daysIn(year: year, month: month)) }
    public var days: ClosedRange<Day> { firstDay...lastDay }
    public var previous: Month { month == 1 ? Month(unchecked: year - 1, 12) : Month(unchecked: year, month - 1) }
    public var next: Month { month == 12 ? Month(unchecked: year + 1, 1) : Month(unchecked: year, month + 1) }
    public var description: String { "\(Day.pad(year, 4))-\(Day.pad(month, 2))" }

    /// "June 2025".
    public var displayName: String { "\(Month.names[month - 1]) \(year)" }

    public static func < (lhs: Month, rhs: Month) -> Bool { (lhs.year, lhs.month) < (rhs.year, rhs.month) }

    static let names = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                        "October", "November", "December"]
}

/// An ISO-8601 week, `YYYY-Www` (weeks start on Monday; week 1 holds the year's first Thursday).
public struct ISOWeek: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let year: Int
    public let week: Int

    public init(parsing text: String) throws(PaperboyError) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[0].allSatisfy(\.isASCIIDigit),
              parts[1].count == 3, parts[1].first == "W", parts[1].dropFirst().allSatisfy(\.isASCIIDigit),
              let y = Int(parts[0]), let w = Int(parts[1].dropFirst())
        else { throw .invalid("'\(text.prefix(40))' is not an ISO week (expected YYYY-Www, e.g. 2025-W23).") }
        guard (1...9999).contains(y) else { throw .invalid("'\(text)': year out of range.") }
        let weeks = ISOWeek.weeksIn(year: y)
        guard (1...weeks).contains(w) else { throw .invalid("'\(text)': \(y) has weeks 01–\(weeks).") }
        self.init(unchecked: y, w)
    }

    init(unchecked year: Int, _ week: Int) {
        self.year = year
        self.week = week
    }

    /// Monday of this week.
    public var firstDay: Day {
        let jan4 = Day(unchecked: year, 1, 4)
        return jan4.advanced(by: 1 - jan4.isoWeekday + (week - 1) * 7)
    }
    public var lastDay: Day { firstDay.advanced(by: 6) }
    public var days: ClosedRange<Day> { firstDay...lastDay }
    public var previous: ISOWeek { firstDay.advanced(by: -7).isoWeek }
    public var next: ISOWeek { firstDay.advanced(by: 7).isoWeek }
    public var description: String { "\(Day.pad(year, 4))-W\(Day.pad(week, 2))" }

    public static func < (lhs: ISOWeek, rhs: ISOWeek) -> Bool { (lhs.year, lhs.week) < (rhs.year, rhs.week) }

    /// 53 when the year starts on a Thursday, or is a leap year starting on a Wednesday; else 52.
    static func weeksIn(year: Int) -> Int {
        Day(unchecked: year, 12, 28).isoWeek.week
    }
}

/// The span of days a feed page covers.
public enum Period: Hashable, Sendable, CustomStringConvertible {
    case day(Day)
    case week(ISOWeek)
    case month(Month)

    public var days: ClosedRange<Day> {
        switch self {
        case .day(let d): return d...d
        case .week(let w): return w.days
        case .month(let m): return m.days
        }
    }

    public var previous: Period {
        switch self {
        case .day(let d): return .day(d.advanced(by: -1))
        case .week(let w): return .week(w.previous)
        case .month(let m): return .month(m.previous)
        }
    }

    public var next: Period {
        switch self {
        case .day(let d): return .day(d.advanced(by: 1))
        case .week(let w): return .week(w.next)
        case .month(let m): return .month(m.next)
        }
    }

    /// `2025-06-03`, `2025-W23` or `2025-06`.
    public var description: String {
        switch self {
        case .day(let d): return d.description
        case .week(let w): return w.description
        case .month(let m): return m.description
        }
    }
}

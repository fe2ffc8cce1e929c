/// A calendar day in UTC (proleptic Gregorian), stored as days since 1970-01-01.
///
/// Parsing is strict: `2025-02-29` and `2025-13-40` are rejected with a message saying why.
public struct Day: Hashable, Sendable, Comparable, Strideable, CustomStringConvertible, Codable {
    /// Days since 1970-01-01 (negative before).
    public let daysSinceEpoch: Int

    public init(daysSinceEpoch: Int) { self.daysSinceEpoch = daysSinceEpoch }

    /// A validated day; throws for impossible dates.
    public init(year: Int, month: Int, day: Int) throws(PaperboyError) {
        guard (1...9999).contains(year) else { throw .invalid("Year \(year) is out of range (1–9999).") }
        guard (1...12).contains(month) else { throw .invalid("Month \(month) is out of range (1–12).") }
        let length = Day.daysIn(year: year, month: month)
        guard (1...length).contains(day) else {
            throw .invalid("Day \(day) is out of range for \(year)-\(Day.pad(month, 2)) (1–\(length)).")
        }
        daysSinceEpoch = Day.daysFromCivil(year, month, day)
    }

    /// Parses `YYYY-MM-DD` exactly.
    public init(parsing text: String) throws(PaperboyError) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) })
        else { throw .invalid("'\(text.prefix(40))' is not a date (expected YYYY-MM-DD).") }
        do { try self.init(year: y, month: m, day: d) } catch {
            throw .invalid("'\(text)' is not a valid date: \(error.message)")
        }
    }

    /// The UTC day of a timestamp given as seconds since 1970.
    public init(secondsSinceEpoch: Double) {
        daysSinceEpoch = Int((secondsSinceEpoch / 86_400).rounded(.down))
    }

    public var components: (year: Int, month: Int, day: Int) { Day.civilFromDays(daysSinceEpoch) }
    public var year: Int { components.year }
    public var month: Month { let c = components; return Month(unchecked: c.year, c.month) }

    /// The day as the number `yyyymmdd` (20250603), the form the search index filters and sorts on.
    public var yyyymmdd: Int { let c = components; return c.year * 10_000 + c.month * 100 + c.day }

    /// ISO weekday: Monday = 1 … Sunday = 7.
    public var isoWeekday: Int { ((daysSinceEpoch % 7 + 7 + 3) % 7) + 1 }

    /// The ISO-8601 week this day belongs to (its year can differ from ``year`` near New Year).
    public var isoWeek: ISOWeek {
        let thursday = self.advanced(by: 4 - isoWeekday)
        let weekYear = thursday.year
        let jan1 = Day(unchecked: weekYear, 1, 1)
        return ISOWeek(unchecked: weekYear, (thursday.daysSinceEpoch - jan1.daysSinceEpoch) / 7 + 1)
    }

    /// Midnight UTC of this day, in seconds since 1970.
    public var secondsSinceEpoch: Double { Double(daysSinceEpoch) * 86_400 }

    /// `YYYY-MM-DD`.
    public var description: String {
        let c = components
        return "\(Day.pad(c.year, 4))-\(Day.pad(c.month, 2))-\(Day.pad(c.day, 2))"
    }

    public func advanced(by n: Int) -> Day { Day(daysSinceEpoch: daysSinceEpoch + n) }
    public func distance(to other: Day) -> Int { other.daysSinceEpoch - daysSinceEpoch }
    public static func < (lhs: Day, rhs: Day) -> Bool { lhs.daysSinceEpoch < rhs.daysSinceEpoch }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { self = try Day(parsing: text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }

    // MARK: - Calendar arithmetic (Howard Hinnant's algorithms)

    init(unchecked y: Int, _ m: Int, _ d: Int) { daysSinceEpoch = Day.daysFromCivil(y, m, d) }

    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let s = String(value)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}

import Foundation

/// Parses `year:` and `date:` values into an inclusive yyyymmdd range with optional open ends.
///
/// Accepted: `2025`, `2025-03`, `2025-03-15`, and ranges `A..B`, `A..`, `..B` of those. A month or year as the
/// upper bound includes its last day (`..2025-06` ends at 20250631, which compares after every June day).
enum DayRangeParser {
    static func parse(_ value: String, field: String, wholeYearsOnly: Bool) throws(SearchError) -> (Int?, Int?) {
        let hint = wholeYearsOnly ? "year:2025 or year:2023..2025" : "date:2025-01..2025-06 or date:2025-01-15"
        guard !value.isEmpty else { throw SearchError(.invalidQuery, "\"\(field):\" needs a value, e.g. \(hint).") }
        let pieces = value.components(separatedBy: "..")
        func bad() -> SearchError {
            SearchError(.invalidQuery, "\"\(field):\(value)\" is not a valid \(field); use e.g. \(hint).")
        }
        switch pieces.count {
        case 1:
            guard let lo = bound(pieces[0], upper: false, years: wholeYearsOnly),
                let hi = bound(pieces[0], upper: true, years: wholeYearsOnly)
            else { throw bad() }
            return (lo, hi)
        case 2:
            let lo = pieces[0].isEmpty ? nil : bound(pieces[0], upper: false, years: wholeYearsOnly)
            let hi = pieces[1].isEmpty ? nil : bound(pieces[1], upper: true, years: wholeYearsOnly)
            if !pieces[0].isEmpty && lo == nil { throw bad() }
            if !pieces[1].isEmpty && hi == nil { throw bad() }
            if lo == nil && hi == nil { throw bad() }
            if let lo, let hi, lo > hi { throw SearchError(.invalidQuery, "\"\(field):\(value)\" ends before it starts.") }
            return (lo, hi)
        default:
            throw bad()
        }
    }

    /// yyyymmdd for `text` as a lower or upper bound, or nil when malformed.
    static func bound(_ text: String, upper: Bool, years: Bool) -> Int? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard !parts.isEmpty, parts.count <= (years ? 1 : 3) else { return nil }
        var numbers: [Int] = []
        for (i, p) in parts.enumerated() {
            let expected = i == 0 ? 4 : 2
            guard p.count == expected, p.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(p) else { return nil }
            numbers.append(n)
        }
        let year = numbers[0]
        guard year >= 1000 else { return nil }
        if numbers.count == 1 { return year * 10000 + (upper ? 1231 : 101) }
        let month = numbers[1]
        guard (1...12).contains(month) else { return nil }
        if numbers.count == 2 { return year * 10000 + month * 100 + (upper ? 31 : 1) }
        let day = numbers[2]
        guard (1...31).contains(day) else { return nil }
        return year * 10000 + month * 100 + day
    }
}

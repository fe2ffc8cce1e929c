import Foundation

extension UTCDateTime {
    /// Parses the RFC 5322 / RFC 1123 date form — the one HTTP (`If-Modified-Since`, `Retry-After`), RSS and arXiv's
    /// metadata write: `[Www, ]D Mon YYYY HH:MM[:SS] [zone]`, e.g. `Sun, 06 Nov 1994 08:49:37 GMT` or
    /// `Mon, 2 Apr 2007 19:18:42 GMT`. The zone is `GMT`, `UT`, `UTC`, `Z` or `±HHMM` (applied); no zone means UTC.
    /// Nil for anything else, including impossible days and times.
    public static func parseRFC1123(_ text: String) -> Date? {
        var fields = text.split(separator: " ")
        if let first = fields.first, first.hasSuffix(",") {
            guard weekdayNames.contains(String(first.dropLast())) else { return nil }
            fields.removeFirst()
        }
        guard fields.count == 4 || fields.count == 5, fields[0].count <= 2, let dayOfMonth = Int(fields[0]),
              let monthIndex = monthNames.firstIndex(of: String(fields[1])), fields[2].count == 4,
              let year = Int(fields[2]), let offset = zoneOffset(fields.count == 5 ? fields[4] : "GMT") else { return nil }
        let time = fields[3].split(separator: ":", omittingEmptySubsequences: false).map { Int($0) }
        guard time.count == 2 || time.count == 3, let hour = time[0], let minute = time[1],
              (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        let second = time.count == 3 ? time[2] : 0
        guard let second, (0...60).contains(second),
              let day = try? Day(year: year, month: monthIndex + 1, day: dayOfMonth) else { return nil }
        let seconds = day.daysSinceEpoch * 86_400 + hour * 3600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// Seconds east of UTC for a zone field.
    private static func zoneOffset(_ zone: Substring) -> Int? {
        if ["GMT", "UT", "UTC", "Z"].contains(zone) { return 0 }
        guard zone.count == 5, let sign = zone.first, sign == "+" || sign == "-",
              let hhmm = Int(zone.dropFirst()), hhmm % 100 < 60 else { return nil }
        let seconds = (hhmm / 100) * 3600 + (hhmm % 100) * 60
        return sign == "+" ? seconds : -seconds
    }
}

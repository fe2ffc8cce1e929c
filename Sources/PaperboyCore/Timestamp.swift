import Foundation

/// ISO-8601 timestamps as the sources write them (`2024-05-24T17:34:15.000Z`, `2024-05-24T17:34:15Z`,
/// `2024-05-24T17:34:15+02:00`, or a bare `2024-05-24`), parsed by hand: fast and locale-free.
public enum Timestamp {
    /// Parses a timestamp; `nil` when the text is not one of the accepted forms.
    public static func parse(_ text: String) -> Date? {
        let u = Array(text.utf8)
        func num(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= u.count else { return nil }
            var v = 0
            for i in from..<(from + count) {
                let c = u[i]
                guard c >= 48, c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            return v
        }
        guard u.count >= 10, let y = num(0, 4), u[4] == 45, let mo = num(5, 2), u[7] == 45, let d = num(8, 2),
              let day = try? Day(year: y, month: mo, day: d) else { return nil }
        var seconds = day.secondsSinceEpoch
        if u.count == 10 { return Date(timeIntervalSince1970: seconds) }
        guard u.count >= 19, u[10] == 84 || u[10] == 32, let h = num(11, 2), u[13] == 58, let mi = num(14, 2),
              u[16] == 58, let s = num(17, 2), h < 24, mi < 60, s < 61 else { return nil }
        seconds += Double(h * 3600 + mi * 60 + s)
        var i = 19
        if i < u.count, u[i] == 46 {
            i += 1
            var scale = 0.1
            while i < u.count, u[i] >= 48, u[i] <= 57 {
                seconds += Double(u[i] - 48) * scale
                scale /= 10
                i += 1
            }
        }
        if i == u.count { return Date(timeIntervalSince1970: seconds) }
        if u[i] == 90, i + 1 == u.count { return Date(timeIntervalSince1970: seconds) }
        if u[i] == 43 || u[i] == 45, let oh = num(i + 1, 2) {
            var j = i + 3
            if j < u.count, u[j] == 58 { j += 1 }
            guard let om = num(j, 2), j + 2 == u.count else { return nil }
            let offset = Double(oh * 3600 + om * 60)
            return Date(timeIntervalSince1970: u[i] == 43 ? seconds - offset : seconds + offset)
        }
        return nil
    }

    /// `2024-05-24T17:34:15.000Z` — the form Hugging Face's API writes.
    public static func format(_ date: Date) -> String {
        let total = date.timeIntervalSince1970
        let whole = total.rounded(.down)
        let millis = min(999, Int(((total - whole) * 1000).rounded()))
        let day = Day(secondsSinceEpoch: whole)
        let secs = Int(whole) - day.daysSinceEpoch * 86_400
        return "\(day)T\(Day.pad(secs / 3600, 2)):\(Day.pad(secs / 60 % 60, 2)):\(Day.pad(secs % 60, 2)).\(Day.pad(millis, 3))Z"
    }
}

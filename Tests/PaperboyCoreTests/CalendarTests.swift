import Foundation
import Testing
@testable import PaperboyCore

@Suite("Days, ISO weeks, months, timestamps")
struct CalendarTests {
    @Test func dayRoundTripsAndKnowsEpoch() throws {
        #expect(try Day(parsing: "1970-01-01").daysSinceEpoch == 0)
        #expect(try Day(parsing: "2000-03-01").daysSinceEpoch == 11_017)
        #expect(try Day(parsing: "1969-12-31").daysSinceEpoch == -1)
        #expect(try Day(parsing: "2025-06-03").yyyymmdd == 20_250_603)
        for n in stride(from: -719_162, through: 2_932_896, by: 997) {
            let d = Day(daysSinceEpoch: n)
            #expect(try Day(parsing: d.description) == d)
        }
    }

    @Test(arguments: ["2024-02-29", "2000-02-29", "2025-12-31", "0001-01-01", "9999-12-31"])
    func acceptsValidDays(_ text: String) throws {
        #expect(try Day(parsing: text).description == text)
    }

    @Test(arguments: ["2025-13-40", "2025-02-29", "1900-02-29", "2025-00-10", "2025-04-31", "2025-1-05",
                      "25-01-05", "2025/01/05", "2025-01-05T00:00", "", "2025-01-0a", "+2025-01-05", "0000-01-01"])
    func rejectsInvalidDays(_ text: String) {
        #expect(throws: PaperboyError.self) { try Day(parsing: text) }
    }

    @Test func weekdaysAndISOWeeks() throws {
        #expect(try Day(parsing: "2025-06-02").isoWeekday == 1)   // a Monday
        #expect(try Day(parsing: "2025-06-08").isoWeekday == 7)
        #expect(try Day(parsing: "2025-06-03").isoWeek.description == "2025-W23")
        // Around New Year the ISO year differs from the calendar year.
        #expect(try Day(parsing: "2021-01-01").isoWeek.description == "2020-W53")
        #expect(try Day(parsing: "2024-12-30").isoWeek.description == "2025-W01")
        #expect(try Day(parsing: "2026-12-31").isoWeek.description == "2026-W53")
    }

    @Test func isoWeekParsingAndRanges() throws {
        let w = try ISOWeek(parsing: "2025-W23")
        #expect(w.firstDay.description == "2025-06-02")
        #expect(w.lastDay.description == "2025-06-08")
        #expect(w.previous.description == "2025-W22")
        #expect(try ISOWeek(parsing: "2020-W53").next.description == "2021-W01")
        #expect(try ISOWeek(parsing: "2025-W01").firstDay.description == "2024-12-30")
        #expect(try ISOWeek(parsing: "2021-W01").previous.description == "2020-W53")
        for text in ["2025-W00", "2025-W54", "2021-W53", "2025-23", "2025-w23", "2025-W5", "2025W23", "x"] {
            #expect(throws: PaperboyError.self) { try ISOWeek(parsing: text) }
        }
        #expect(try ISOWeek(parsing: "2020-W53").week == 53)
    }

    @Test func monthsParseAndStep() throws {
        let m = try Month(parsing: "2024-02")
        #expect(m.lastDay.description == "2024-02-29")
        #expect(m.previous.description == "2024-01")
        #expect(try Month(parsing: "2024-12").next.description == "2025-01")
        #expect(m.displayName == "February 2024")
        for text in ["2024-13", "2024-00", "2024-2", "202402", "2024-02-01", ""] {
            #expect(throws: PaperboyError.self) { try Month(parsing: text) }
        }
    }

    @Test func periodsCoverTheirDays() throws {
        #expect(Period.week(try ISOWeek(parsing: "2025-W23")).days.count == 7)
        #expect(Period.month(try Month(parsing: "2025-02")).days.count == 28)
        #expect(Period.day(try Day(parsing: "2025-06-03")).previous.description == "2025-06-02")
    }

    @Test func timestampsParseTheSourcesForms() throws {
        let t = try #require(Timestamp.parse("2024-05-24T17:34:15.000Z"))
        #expect(t.timeIntervalSince1970 == 1_716_572_055)
        #expect(Timestamp.parse("2024-05-24T17:34:15Z") == t)
        #expect(Timestamp.parse("2024-05-24T19:34:15+02:00") == t)
        #expect(Timestamp.parse("2024-05-24T17:34:15.250Z")!.timeIntervalSince1970 == 1_716_572_055.25)
        #expect(Timestamp.parse("2024-05-24")!.timeIntervalSince1970 == 1_716_508_800)
        #expect(Timestamp.format(t) == "2024-05-24T17:34:15.000Z")
        for bad in ["", "2024-05-24T", "2024-05-24T25:00:00Z", "2024-02-30T00:00:00Z", "yesterday", "2024-05-24T17:34:15Q"] {
            #expect(Timestamp.parse(bad) == nil)
        }
    }
}

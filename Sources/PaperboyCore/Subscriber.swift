import Foundation

/// How often a subscriber gets the digest.
public enum DigestFrequency: String, Sendable, Codable, CaseIterable {
    /// Weekdays (Monday–Friday), the papers of the newest day.
    case daily
    /// Mondays, the trending papers of the week before.
    case weekly
}

/// A digest subscription: one e-mail address.
///
/// Double opt-in: a new subscription is `pending` until the address confirms the signed link mailed to it.
/// `nonce` is part of every signed link for this address and changes on unsubscribing, so old links stop working.
public struct Subscriber: Sendable, Equatable, Codable {
    public enum Status: String, Sendable, Codable, CaseIterable {
        case pending, confirmed, unsubscribed
        /// Too many permanent (5xx) delivery failures; no more digests until the address subscribes again.
        case bounced
    }

    public var email: String
    public var frequency: DigestFrequency
    public var status: Status
    public var nonce: String
    public var permanentFailures: Int
    public var createdAt: Date
    public var confirmedAt: Date?

    public init(email: String, frequency: DigestFrequency, status: Status, nonce: String, permanentFailures: Int = 0,
                createdAt: Date, confirmedAt: Date? = nil) {
        self.email = email
        self.frequency = frequency
        self.status = status
        self.nonce = nonce
        self.permanentFailures = permanentFailures
        self.createdAt = createdAt
        self.confirmedAt = confirmedAt
    }

    /// Permanent failures after which an address is marked ``Status/bounced``.
    public static let bounceLimit = 3
}

/// Which digest a send belongs to: `daily:2026-11-27` or `weekly:2026-W48`. The ledger records one send per
/// subscriber and period, which is what makes sending exactly-once across crashes and reruns.
public struct DigestPeriod: Sendable, Hashable, CustomStringConvertible {
    public var frequency: DigestFrequency
    /// The days whose papers the digest covers.
    public var days: ClosedRange<Day>
    public var key: String

    /// The daily digest sent on `day` covers the papers of `day` (the newest featured day at or before it is
    /// chosen by the sender); the weekly digest sent on `day` covers the ISO week before `day`'s week.
    public static func current(_ frequency: DigestFrequency, on day: Day) -> DigestPeriod {
        switch frequency {
        case .daily:
            return DigestPeriod(frequency: .daily, days: day...day, key: "daily:\(day)")
        case .weekly:
            let week = day.isoWeek.previous
            return DigestPeriod(frequency: .weekly, days: week.days, key: "weekly:\(week)")
        }
    }

    /// Daily digests go out Monday to Friday; weekly ones on Mondays.
    public static func isSendDay(_ frequency: DigestFrequency, _ day: Day) -> Bool {
        frequency == .daily ? day.isoWeekday <= 5 : day.isoWeekday == 1
    }

    public var description: String { key }
}

import Foundation
import GRDB
import PaperboyCore

/// Real reading histories from the HF daily dump: every daily entry's `submittedBy` is a person who chose that
/// paper. For a cutoff, the readers are those with ≥ `minBefore` submissions before it and ≥ `minWithin` in
/// `[cutoff, cutoff + days)`, the bulk submitters excluded; a reader's profile is their papers before the cutoff,
/// the relevant set their papers in the window that are not in the profile.
public struct RecommendationHistories: Sendable {
    public struct Reader: Sendable {
        public var username: String
        /// Distinct papers submitted before the cutoff, oldest first.
        public var profile: [PaperID]
        public var relevant: Set<PaperID>
    }

    public var readers: [Reader]

    /// The two accounts that submit most of the dump for the community (their choices are not personal).
    public static let bulkSubmitters: Set<String> = ["taesiri", "akhaliq"]

    public struct Submission: Sendable {
        public var day: Day
        public var paperID: PaperID
        public var username: String
    }

    /// Every daily entry with a submitter, from an SQLite database.
    public static func submissions(in database: any DatabaseReader) throws -> [Submission] {
        try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT day, paper_id, submitter_username FROM daily_entries
                WHERE submitter_username IS NOT NULL ORDER BY day, position, paper_id
                """).compactMap { row -> Submission? in
                guard let day = try? Day(parsing: row["day"]) else { return nil }
                return Submission(day: day, paperID: PaperID(unchecked: row["paper_id"]), username: row["submitter_username"])
            }
        }
    }

    public init(submissions: [Submission], cutoff: Day, days: Int, minBefore: Int = 5, minWithin: Int = 2) {
        let until = cutoff.advanced(by: days)
        var before: [String: [PaperID]] = [:]
        var within: [String: Set<PaperID>] = [:]
        for s in submissions where !Self.bulkSubmitters.contains(s.username) {
            if s.day < cutoff {
                if !(before[s.username]?.contains(s.paperID) ?? false) { before[s.username, default: []].append(s.paperID) }
            } else if s.day < until {
                within[s.username, default: []].insert(s.paperID)
            }
        }
        readers = before.keys.sorted().compactMap { name in
            let profile = before[name] ?? []
            let relevant = (within[name] ?? []).subtracting(profile)
            guard profile.count >= minBefore, (within[name]?.count ?? 0) >= minWithin, !relevant.isEmpty else { return nil }
            return Reader(username: name, profile: profile, relevant: relevant)
        }
    }
}

import Foundation
import PaperboyCore
import PaperboyStore
import PostgresNIO

/// Featuring a paper on a day: the new entry goes after the day's last one. The day's positions are read and
/// extended under a transaction advisory lock on the day, so concurrent featurings (on any instance) never
/// share a position — SQLite gets this from its single writer.
extension PostgresPaperStore {
    public func feature(_ paperID: PaperID, on day: Day, by submitter: UserRef?, at: Date, storing papers: [Paper])
        async throws -> DailyEntry? {
        try await database.transaction("feature paper \(paperID)") { s in
            if !papers.isEmpty { _ = try await Self.apply(ImportBatch(papers: papers), in: s) }
            return try await Self.feature(paperID, on: day, by: submitter, at: at, in: s)
        }
    }

    /// Appends an entry for a stored paper inside the caller's transaction; `nil` when it is already on `day`.
    static func feature(_ paperID: PaperID, on day: Day, by submitter: UserRef?, at: Date, in s: PostgresSession)
        async throws -> DailyEntry? {
        try await s.execute("SELECT pg_advisory_xact_lock(2, hashtext(\(day.description)))")
        guard try await s.first("SELECT 1 FROM papers WHERE id = \(paperID.rawValue)") != nil else {
            throw PaperboyError.notFound("Paper \(paperID) is not on this site.")
        }
        if try await s.first("""
            SELECT 1 FROM daily_entries WHERE day = \(day.description) AND paper_id = \(paperID.rawValue)
            """) != nil {
            return nil
        }
        let position = try await s.value(Int.self, """
            SELECT coalesce(max(position) + 1, 0) FROM daily_entries WHERE day = \(day.description)
            """) ?? 0
        try await s.execute("""
            INSERT INTO daily_entries (day, paper_id, position, submitter_username, submitter_fullname, submitter_avatar,
                                       submitted_at)
            VALUES (\(day.description), \(paperID.rawValue), \(position), \(submitter?.username), \(submitter?.fullname),
                    \(submitter?.avatarURL), \(at.timeIntervalSince1970))
            """)
        try await touch(paperID.rawValue, in: s)
        return DailyEntry(day: day, paperID: paperID, position: position, submitter: submitter, submittedAt: at)
    }

    /// Bumps the paper's `modified_at` (and so its change-feed position).
    static func touch(_ paperID: String, in s: PostgresSession) async throws {
        try await s.execute("UPDATE papers SET \(unescaped: PostgresPaperRow.touchSQL) WHERE id = \(paperID)")
    }
}

import Foundation
import GRDB
import PaperboyCore

/// Featuring a paper on a day: the one rule for the position of a new entry (after the day's last one),
/// shared by submit-by-id (``SQLitePaperStore/feature(_:on:by:at:storing:)``) and the submit page
/// (``SQLiteCommunityStore/submit(paperID:day:by:at:)``).
extension SQLitePaperStore {
    /// Bumps `modified_at` (strictly increasing) so the search index re-reads the paper.
    static let touchSQL = "modified_at = max(modified_at + 0.000001, (julianday('now') - 2440587.5) * 86400.0)"

    public func feature(_ paperID: PaperID, on day: Day, by submitter: UserRef?, at: Date, storing papers: [Paper])
        async throws -> DailyEntry? {
        try await write("feature paper \(paperID)") { db in
            if !papers.isEmpty { _ = try Self.apply(ImportBatch(papers: papers), in: db) }
            return try Self.feature(paperID, on: day, by: submitter, at: at, in: db)
        }
    }

    /// Appends an entry for a stored paper inside the caller's write transaction; `nil` when it is already on
    /// `day`. The day's positions are read in the same transaction, so two featurings cannot collide.
    static func feature(_ paperID: PaperID, on day: Day, by submitter: UserRef?, at: Date, in db: Database) throws
        -> DailyEntry? {
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM papers WHERE id = ?", arguments: [paperID.rawValue]) == true else {
            throw PaperboyError.notFound("Paper \(paperID) is not on this site.")
        }
        if try Bool.fetchOne(db, sql: "SELECT 1 FROM daily_entries WHERE day = ? AND paper_id = ?",
                             arguments: [day.description, paperID.rawValue]) == true {
            return nil
        }
        let position = try Int.fetchOne(db, sql: "SELECT coalesce(max(position) + 1, 0) FROM daily_entries WHERE day = ?",
                                        arguments: [day.description]) ?? 0
        try db.execute(sql: """
            INSERT INTO daily_entries (day, paper_id, position, submitter_username, submitter_fullname, submitter_avatar,
                                       submitted_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [day.description, paperID.rawValue, position, submitter?.username, submitter?.fullname,
                             submitter?.avatarURL, at.timeIntervalSince1970])
        try db.execute(sql: "UPDATE papers SET \(touchSQL) WHERE id = ?", arguments: [paperID.rawValue])
        return DailyEntry(day: day, paperID: paperID, position: position, submitter: submitter, submittedAt: at)
    }
}

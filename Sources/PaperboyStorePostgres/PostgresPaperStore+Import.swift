import Foundation
import PaperboyCore
import PaperboyStore
import PostgresNIO

extension PostgresPaperStore {
    /// Merges `batch` inside the caller's transaction, as SQLite does: existing rows are read, merged in Swift with
    /// ``Paper/merged(with:)`` and written only when something changed.
    ///
    /// SQLite has one writer at a time; here two imports of one paper could both read "absent" and the second
    /// overwrite the first unmerged. So the batch first takes a transaction advisory lock per paper id, in one
    /// global order (by key) so that concurrent batches cannot deadlock, before it reads anything.
    ///
    /// Duplicates (``DuplicateMerge``) are resolved after the locks, which include each paper's title key.
    static func apply(_ batch: ImportBatch, in s: PostgresSession) async throws -> ImportCounts {
        var counts = ImportCounts()
        try await lockPapers(lockNames(for: batch.papers), in: s)
        let plan = DuplicateMerge.plan(batch, stored: try await storedDuplicates(for: batch.papers, in: s))
        let ids = Array(Set(plan.papers.map(\.id.rawValue)))
        var current: [PaperID: Paper] = [:]
        for chunk in stride(from: 0, to: ids.count, by: 1000).map({ Array(ids[$0..<min($0 + 1000, ids.count)]) }) {
            for row in try await s.rows("SELECT * FROM papers WHERE id = ANY(\(chunk))") {
                let paper = try PostgresPaperRow.paper(from: row)
                current[paper.id] = paper
            }
        }
        let dirty = ImportMerge.merge(plan.papers, into: &current, counts: &counts)
        for paper in dirty {
            try await s.execute(try PostgresPaperRow.upsert(paper))
            try await writeAuthors(of: paper, in: s)
        }
        for item in plan.absorbed { try await absorb(item, in: s) }
        for item in plan.aliases { try await storeAlias(item, in: s) }
        try await applyEntries(plan.entries, in: s, counts: &counts)
        return counts
    }

    /// Takes the per-paper advisory transaction locks of `ids` in key order.
    static func lockPapers(_ ids: [String], in s: PostgresSession) async throws {
        guard !ids.isEmpty else { return }
        try await s.execute("""
            SELECT pg_advisory_xact_lock(1, k) FROM (
                SELECT DISTINCT hashtext(id) AS k FROM unnest(\(ids)::text[]) AS id ORDER BY k OFFSET 0
            ) AS keys
            """)
    }

    /// Replaces a paper's author rows (one multi-row statement).
    static func writeAuthors(of paper: Paper, in s: PostgresSession) async throws {
        try await s.execute("DELETE FROM paper_authors WHERE paper_id = \(paper.id.rawValue)")
        guard !paper.authors.isEmpty else { return }
        let names = paper.authors.map(\.name)
        let normalized = names.map(Author.normalise)
        try await s.execute("""
            INSERT INTO paper_authors (paper_id, position, name, normalized_name)
            SELECT \(paper.id.rawValue), a.ord - 1, a.name, a.normalized
            FROM unnest(\(names)::text[], \(normalized)::text[]) WITH ORDINALITY AS a (name, normalized, ord)
            """)
    }

    /// Upserts entries; one renamed from a local id leaves an entry the survivor already has on that day alone.
    private static func applyEntries(_ entries: [(entry: DailyEntry, renamed: Bool)], in s: PostgresSession,
                                     counts: inout ImportCounts) async throws {
        for (entry, renamed) in entries {
            if let row = try await s.first("""
                SELECT * FROM daily_entries WHERE day = \(entry.day.description) AND paper_id = \(entry.paperID.rawValue)
                """) {
                if try renamed || PostgresPaperRow.entry(from: row) == entry {
                    counts.entriesUnchanged += 1
                    continue
                }
                counts.entriesUpdated += 1
            } else {
                guard try await s.first("SELECT 1 FROM papers WHERE id = \(entry.paperID.rawValue)") != nil else {
                    throw PaperboyError(.invalidInput, "Entry for \(entry.day) names unknown paper \(entry.paperID).")
                }
                counts.entriesInserted += 1
            }
            try await s.execute("""
                INSERT INTO daily_entries (day, paper_id, position, submitter_username, submitter_fullname,
                                           submitter_avatar, submitted_at, title)
                VALUES (\(entry.day.description), \(entry.paperID.rawValue), \(entry.position), \(entry.submitter?.username),
                        \(entry.submitter?.fullname), \(entry.submitter?.avatarURL),
                        \(entry.submittedAt?.timeIntervalSince1970), \(entry.title))
                ON CONFLICT (day, paper_id) DO UPDATE SET
                    position = excluded.position, submitter_username = excluded.submitter_username,
                    submitter_fullname = excluded.submitter_fullname, submitter_avatar = excluded.submitter_avatar,
                    submitted_at = excluded.submitted_at, title = excluded.title
                """)
        }
    }
}

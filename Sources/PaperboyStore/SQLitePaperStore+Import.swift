import Foundation
import GRDB
import PaperboyCore

extension SQLitePaperStore {
    /// Merges `batch` inside the caller's transaction. Duplicates are resolved first (``DuplicateMerge``: local
    /// papers renamed to their arXiv survivor, stored local papers folded into an incoming arXiv paper). Existing
    /// rows are read in chunks of 500 ids, merged in Swift with ``Paper/merged(with:)``, and written only when
    /// something changed.
    static func apply(_ batch: ImportBatch, in db: Database) throws -> ImportCounts {
        var counts = ImportCounts()
        var current: [PaperID: Paper] = [:]
        let plan = DuplicateMerge.plan(batch, stored: try storedDuplicates(for: batch.papers, in: db))
        let ids = Array(Set(plan.papers.map(\.id.rawValue)))
        for chunk in stride(from: 0, to: ids.count, by: 500).map({ ids[$0..<min($0 + 500, ids.count)] }) {
            let placeholders = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            for row in try Row.fetchAll(db, sql: "SELECT * FROM papers WHERE id IN (\(placeholders))",
                                        arguments: StatementArguments(Array(chunk))) {
                let paper = try PaperRow.paper(from: row)
                current[paper.id] = paper
            }
        }
        let dirty = ImportMerge.merge(plan.papers, into: &current, counts: &counts)
        let upsert = try db.cachedStatement(sql: PaperRow.upsertSQL)
        let deleteAuthors = try db.cachedStatement(sql: "DELETE FROM paper_authors WHERE paper_id = ?")
        let insertAuthor = try db.cachedStatement(sql: """
            INSERT INTO paper_authors (paper_id, position, name, normalized_name) VALUES (?, ?, ?, ?)
            """)
        for paper in dirty {
            try upsert.execute(arguments: PaperRow.arguments(for: paper))
            try deleteAuthors.execute(arguments: [paper.id.rawValue])
            for (i, author) in paper.authors.enumerated() {
                try insertAuthor.execute(arguments: [paper.id.rawValue, i, author.name, Author.normalise(author.name)])
            }
        }
        for item in plan.absorbed { try absorb(item, in: db) }
        for item in plan.aliases { try storeAlias(item, in: db) }
        try applyEntries(plan.entries, in: db, counts: &counts)
        return counts
    }

    /// Upserts entries; one renamed from a local id leaves an entry the survivor already has on that day alone.
    private static func applyEntries(_ entries: [(entry: DailyEntry, renamed: Bool)], in db: Database,
                                     counts: inout ImportCounts) throws {
        guard !entries.isEmpty else { return }
        let select = try db.cachedStatement(sql: "SELECT * FROM daily_entries WHERE day = ? AND paper_id = ?")
        let exists = try db.cachedStatement(sql: "SELECT 1 FROM papers WHERE id = ?")
        let upsert = try db.cachedStatement(sql: """
            INSERT INTO daily_entries (day, paper_id, position, submitter_username, submitter_fullname,
                                       submitter_avatar, submitted_at, title)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (day, paper_id) DO UPDATE SET
                position = excluded.position, submitter_username = excluded.submitter_username,
                submitter_fullname = excluded.submitter_fullname, submitter_avatar = excluded.submitter_avatar,
                submitted_at = excluded.submitted_at, title = excluded.title
            """)
        for (entry, renamed) in entries {
            if let row = try Row.fetchOne(select, arguments: [entry.day.description, entry.paperID.rawValue]) {
                if try renamed || PaperRow.entry(from: row) == entry {
                    counts.entriesUnchanged += 1
                    continue
                }
                counts.entriesUpdated += 1
            } else {
                guard try Row.fetchOne(exists, arguments: [entry.paperID.rawValue]) != nil else {
                    throw PaperboyError(.invalidInput, "Entry for \(entry.day) names unknown paper \(entry.paperID).")
                }
                counts.entriesInserted += 1
            }
            try upsert.execute(arguments: [
                entry.day.description, entry.paperID.rawValue, entry.position, entry.submitter?.username,
                entry.submitter?.fullname, entry.submitter?.avatarURL, entry.submittedAt?.timeIntervalSince1970,
                entry.title,
            ])
        }
    }
}

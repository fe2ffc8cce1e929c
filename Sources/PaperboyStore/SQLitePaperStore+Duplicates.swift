import Foundation
import GRDB
import PaperboyCore

/// ``DuplicateMerge`` on SQLite, inside the import's write transaction (one writer at a time: two importers of the
/// two copies of a paper run one after the other, and the second sees the first's rows).
extension SQLitePaperStore {
    /// Reads what ``DuplicateMerge/plan(_:stored:)`` needs for `papers`.
    static func storedDuplicates(for papers: [Paper], in db: Database) throws -> DuplicateMerge.Stored {
        var stored = DuplicateMerge.Stored()
        let wanted = DuplicateMerge.localIDsToRead(for: papers).map(\.rawValue)
        for chunk in stride(from: 0, to: wanted.count, by: 500).map({ Array(wanted[$0..<min($0 + 500, wanted.count)]) }) {
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            for row in try Row.fetchAll(db, sql: "SELECT * FROM papers WHERE id IN (\(marks))", arguments: StatementArguments(chunk)) {
                let paper = try PaperRow.paper(from: row)
                stored.locals[paper.id] = paper
            }
            for row in try Row.fetchAll(db, sql: "SELECT alias_id, paper_id FROM paper_aliases WHERE alias_id IN (\(marks))",
                                        arguments: StatementArguments(chunk)) {
                stored.aliases[PaperID(unchecked: row["alias_id"])] = PaperID(unchecked: row["paper_id"])
            }
        }
        let byID = Dictionary(papers.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for id in DuplicateMerge.incomingLocalIDs(of: papers) where stored.aliases[id] == nil {
            guard let title = byID[id]?.title else { continue }
            stored.candidates[id] = try titleCandidates(of: id, title: title, in: db)
        }
        return stored
    }

    /// Stored arXiv papers whose title has the key `localID` (id, title and authors only: enough for the rule).
    static func titleCandidates(of localID: PaperID, title: String, in db: Database) throws -> [Paper] {
        try Row.fetchAll(db, sql: """
            SELECT id, title, authors_json FROM papers WHERE id NOT LIKE 'local-%' AND title LIKE ?
            """, arguments: [DuplicateMerge.likePattern(forTitle: title)]).compactMap { row -> Paper? in
            let title: String = row["title"]
            guard DuplicateRule.key(ofTitle: title) == localID else { return nil }
            return Paper(id: PaperID(unchecked: row["id"]), title: title,
                         authors: try JSONText.decodeAuthors(row["authors_json"]), source: "stored")
        }
    }

    /// Folds a stored local paper into its (already written) survivor: every row that names it moves
    /// (``PaperReferences``), the local row is deleted (the change feed records the removal), the alias is stored
    /// and the survivor's local counts are recounted from the moved votes and comments.
    static func absorb(_ item: DuplicateMerge.AbsorbedPaper, in db: Database) throws {
        let ids: StatementArguments = [item.survivor.rawValue, item.local.rawValue]
        for sql in PaperReferences.moveStatements(placeholder: { "?\($0)" }) {
            try db.execute(sql: sql, arguments: ids)
        }
        try db.execute(sql: "DELETE FROM papers WHERE id = ?", arguments: [item.local.rawValue])
        try storeAlias(item, in: db)
        try db.execute(sql: """
            UPDATE papers SET local_upvotes = (SELECT count(*) FROM votes WHERE paper_id = ?1),
                local_comments = (SELECT count(*) FROM comments WHERE paper_id = ?1 AND hidden = 0), \(touchSQL)
            WHERE id = ?1
            """, arguments: [item.survivor.rawValue])
    }

    static func storeAlias(_ item: DuplicateMerge.AbsorbedPaper, in db: Database) throws {
        try db.execute(sql: """
            INSERT INTO paper_aliases (alias_id, paper_id) VALUES (?, ?)
            ON CONFLICT (alias_id) DO UPDATE SET paper_id = excluded.paper_id
            """, arguments: [item.local.rawValue, item.survivor.rawValue])
    }

    /// The migration's pass over a database imported before the rule: each stored local paper that matches a stored
    /// arXiv paper is folded into it (references moved, row deleted, alias stored). It reads only id, title and
    /// authors, columns every schema version has, and does not merge the local record's fields (a re-import of the
    /// seed list does, through the alias). Returns how many papers were folded in.
    @discardableResult
    static func mergeStoredDuplicates(in db: Database) throws -> Int {
        let locals = try Row.fetchAll(db, sql: "SELECT id, title, authors_json FROM papers WHERE id LIKE 'local-%' ORDER BY id")
        var merged = 0
        for row in locals {
            let local = Paper(id: PaperID(unchecked: row["id"]), title: row["title"],
                              authors: try JSONText.decodeAuthors(row["authors_json"]), source: "stored")
            guard let survivor = DuplicateRule.survivor(
                for: local, among: try titleCandidates(of: local.id, title: local.title, in: db)) else { continue }
            try absorb(DuplicateMerge.AbsorbedPaper(local: local.id, survivor: survivor.id), in: db)
            merged += 1
        }
        return merged
    }

    /// The id a merged-away paper now lives at.
    public func survivor(of id: PaperID) async throws -> PaperID? {
        try await read("read the alias of \(id)") { db in
            try String.fetchOne(db, sql: "SELECT paper_id FROM paper_aliases WHERE alias_id = ?", arguments: [id.rawValue])
                .map(PaperID.init(unchecked:))
        }
    }
}

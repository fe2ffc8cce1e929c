import Foundation
import PaperboyCore
import PaperboyStore
import PostgresNIO

/// ``DuplicateMerge`` on PostgreSQL, inside the import's transaction. Two importers could otherwise both miss the
/// other's copy of a paper; ``PostgresPaperStore/apply(_:in:)`` therefore also locks each incoming paper's title
/// key (the local id it would absorb or be), so the importer of `local-x` and the importer of the arXiv paper whose
/// key is `local-x` run one after the other, and the second reads the first's committed rows.
extension PostgresPaperStore {
    /// The advisory lock names a batch takes: its ids and the title keys of its arXiv papers.
    static func lockNames(for papers: [Paper]) -> [String] {
        Array(Set(papers.map(\.id.rawValue) + DuplicateMerge.localIDsToRead(for: papers).map(\.rawValue)))
    }

    /// Reads what ``DuplicateMerge/plan(_:stored:)`` needs for `papers`.
    static func storedDuplicates(for papers: [Paper], in s: PostgresSession) async throws -> DuplicateMerge.Stored {
        var stored = DuplicateMerge.Stored()
        let wanted = DuplicateMerge.localIDsToRead(for: papers).map(\.rawValue)
        guard !wanted.isEmpty else { return stored }
        for row in try await s.rows("SELECT * FROM papers WHERE id = ANY(\(wanted))") {
            let paper = try PostgresPaperRow.paper(from: row)
            stored.locals[paper.id] = paper
        }
        for row in try await s.rows("SELECT alias_id, paper_id FROM paper_aliases WHERE alias_id = ANY(\(wanted))") {
            stored.aliases[PaperID(unchecked: try row.get("alias_id"))] = PaperID(unchecked: try row.get("paper_id"))
        }
        let byID = Dictionary(papers.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for id in DuplicateMerge.incomingLocalIDs(of: papers) where stored.aliases[id] == nil {
            guard let title = byID[id]?.title else { continue }
            stored.candidates[id] = try await titleCandidates(of: id, title: title, in: s)
        }
        return stored
    }

    /// Stored arXiv papers whose title has the key `localID` (id, title and authors only).
    static func titleCandidates(of localID: PaperID, title: String, in s: PostgresSession) async throws -> [Paper] {
        try await s.rows("""
            SELECT id, title, authors_json FROM papers
            WHERE id NOT LIKE 'local-%' AND title ILIKE \(DuplicateMerge.likePattern(forTitle: title))
            """).compactMap { row -> Paper? in
            let title: String = try row.get("title")
            guard DuplicateRule.key(ofTitle: title) == localID else { return nil }
            return Paper(id: PaperID(unchecked: try row.get("id")), title: title,
                         authors: try JSONText.decodeAuthors(try row.get("authors_json")), source: "stored")
        }
    }

    /// Folds a stored local paper into its written survivor, as SQLite does: references moved
    /// (``PaperReferences``), the local row deleted (the change feed records the removal), the alias stored, the
    /// survivor's local counts recounted.
    static func absorb(_ item: DuplicateMerge.AbsorbedPaper, in s: PostgresSession) async throws {
        for sql in PaperReferences.moveStatements(placeholder: { "$\($0)" }) {
            var binds = PostgresBindings()
            binds.append(item.survivor.rawValue)
            binds.append(item.local.rawValue)
            try await s.execute(PostgresQuery(unsafeSQL: sql, binds: binds))
        }
        try await s.execute("DELETE FROM papers WHERE id = \(item.local.rawValue)")
        try await storeAlias(item, in: s)
        try await s.execute("""
            UPDATE papers SET local_upvotes = (SELECT count(*) FROM votes WHERE paper_id = \(item.survivor.rawValue)),
                local_comments = (SELECT count(*) FROM comments WHERE paper_id = \(item.survivor.rawValue) AND NOT hidden),
                modified_at = greatest(modified_at + 0.000001, \(unescaped: PostgresSchema.nowSQL))
            WHERE id = \(item.survivor.rawValue)
            """)
    }

    static func storeAlias(_ item: DuplicateMerge.AbsorbedPaper, in s: PostgresSession) async throws {
        try await s.execute("""
            INSERT INTO paper_aliases (alias_id, paper_id) VALUES (\(item.local.rawValue), \(item.survivor.rawValue))
            ON CONFLICT (alias_id) DO UPDATE SET paper_id = excluded.paper_id
            """)
    }

    /// The migration's pass over duplicates stored before the rule (see SQLite's `mergeStoredDuplicates`): reads
    /// id, title and authors only and moves references; the local record's fields are not merged.
    static func mergeStoredDuplicates(in s: PostgresSession) async throws {
        let locals = try await s.rows("SELECT id, title, authors_json FROM papers WHERE id LIKE 'local-%' ORDER BY id")
        for row in locals {
            let local = Paper(id: PaperID(unchecked: try row.get("id")), title: try row.get("title"),
                              authors: try JSONText.decodeAuthors(try row.get("authors_json")), source: "stored")
            guard let survivor = DuplicateRule.survivor(
                for: local, among: try await titleCandidates(of: local.id, title: local.title, in: s)) else { continue }
            try await absorb(DuplicateMerge.AbsorbedPaper(local: local.id, survivor: survivor.id), in: s)
        }
    }

    public func survivor(of id: PaperID) async throws -> PaperID? {
        try await database.session("read the alias of \(id)") { s in
            try await s.value(String.self, "SELECT paper_id FROM paper_aliases WHERE alias_id = \(id.rawValue)")
                .map(PaperID.init(unchecked:))
        }
    }
}

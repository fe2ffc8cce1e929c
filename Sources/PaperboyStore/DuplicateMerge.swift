import PaperboyCore

/// How an import batch meets ``DuplicateRule`` (issue #17), the same for every backend: what the backend reads for
/// the batch (``Stored``), then ``plan(_:stored:)`` rewrites the batch and names the stored local papers to fold in.
///
/// - An incoming `local-…` paper whose id is an alias (merged earlier) or whose key matches an arXiv paper (stored or
///   in the batch) is renamed to the survivor: its record is merged into the survivor by ``Paper/merged(with:)``
///   (the seed ranks lowest, so it only fills gaps), its entries are moved to the survivor, and the alias is stored.
/// - An incoming arXiv paper whose key is the id of a stored local paper absorbs it: the stored record is merged in
///   first, then the backend moves everything that references the local id (``AbsorbedPaper``), deletes the local
///   row — the change feed records a removal, so the search and vector indexes drop it — and stores the alias.
/// - An entry renamed from a local id never replaces an entry the survivor already has on that day.
public enum DuplicateMerge {
    /// The stored papers a batch may absorb: the keys of its arXiv papers and the ids of its local ones.
    public static func localIDsToRead(for papers: [Paper]) -> [PaperID] {
        Array(Set(papers.compactMap { $0.id.isLocal ? $0.id : DuplicateRule.key(ofTitle: $0.title) })).sorted()
    }

    /// The batch's local ids (to resolve through aliases and stored title candidates).
    public static func incomingLocalIDs(of papers: [Paper]) -> [PaperID] {
        Array(Set(papers.map(\.id).filter(\.isLocal))).sorted()
    }

    /// A `LIKE` pattern that every title with this key matches (case-insensitively for ASCII): its ASCII words
    /// in order, `%` around and between. Backends read candidates with it and keep those whose key is equal.
    public static func likePattern(forTitle title: String) -> String {
        let words = DuplicateRule.normalisedTitle(title).split(separator: " ").filter { $0.utf8.allSatisfy { $0 < 0x80 } }
        return "%" + words.joined(separator: "%") + "%"
    }

    /// What the backend read, inside its write transaction, for a batch.
    public struct Stored: Sendable {
        /// Stored aliases of the batch's local ids → the surviving id.
        public var aliases: [PaperID: PaperID]
        /// Stored local papers among ``localIDsToRead(for:)``.
        public var locals: [PaperID: Paper]
        /// For each incoming local id without an alias: stored arXiv papers whose title has that key.
        public var candidates: [PaperID: [Paper]]

        public init(aliases: [PaperID: PaperID] = [:], locals: [PaperID: Paper] = [:], candidates: [PaperID: [Paper]] = [:]) {
            self.aliases = aliases
            self.locals = locals
            self.candidates = candidates
        }
    }

    /// A stored local paper to fold into its survivor.
    public struct AbsorbedPaper: Sendable, Hashable {
        public var local: PaperID
        public var survivor: PaperID

        public init(local: PaperID, survivor: PaperID) {
            self.local = local
            self.survivor = survivor
        }
    }

    /// The rewritten batch and what to do beside it.
    public struct Plan: Sendable {
        /// The papers to merge (renamed; absorbed stored records placed before their survivor's record).
        public var papers: [Paper]
        /// The entries to apply (renamed) and whether each came from a local id.
        public var entries: [(entry: DailyEntry, renamed: Bool)]
        /// Stored local rows to fold in and delete, after the papers are written.
        public var absorbed: [AbsorbedPaper]
        /// Aliases to store (alias → survivor); includes every absorbed paper.
        public var aliases: [AbsorbedPaper]
    }

    /// Applies the rule to `batch` given what is stored.
    public static func plan(_ batch: ImportBatch, stored: Stored) -> Plan {
        var inBatch: [PaperID: [Paper]] = [:]
        for paper in batch.papers where !paper.id.isLocal {
            if let key = DuplicateRule.key(ofTitle: paper.title) { inBatch[key, default: []].append(paper) }
        }
        var renames: [PaperID: PaperID] = [:]
        var absorbed: [AbsorbedPaper] = []
        var aliases: [AbsorbedPaper] = []
        var absorbedRecords: [PaperID: Paper] = [:]
        func absorb(_ local: Paper, into survivor: PaperID) {
            guard absorbedRecords[local.id] == nil else { return }
            var renamed = local
            renamed.id = survivor
            absorbedRecords[local.id] = renamed
            absorbed.append(AbsorbedPaper(local: local.id, survivor: survivor))
        }
        // Incoming arXiv papers absorb stored local papers of their key.
        for paper in batch.papers where !paper.id.isLocal {
            guard let key = DuplicateRule.key(ofTitle: paper.title), renames[key] == nil, stored.aliases[key] == nil,
                  let local = stored.locals[key], DuplicateRule.isDuplicate(local: local, of: paper) else { continue }
            renames[key] = paper.id
            absorb(local, into: paper.id)
            aliases.append(AbsorbedPaper(local: key, survivor: paper.id))
        }
        // Incoming local papers go to their alias or to a matching arXiv paper.
        for paper in batch.papers where paper.id.isLocal && renames[paper.id] == nil {
            if let target = stored.aliases[paper.id] {
                renames[paper.id] = target
            } else if let target = DuplicateRule.survivor(
                for: paper, among: (stored.candidates[paper.id] ?? []) + (inBatch[paper.id] ?? [])) {
                renames[paper.id] = target.id
                aliases.append(AbsorbedPaper(local: paper.id, survivor: target.id))
                if let local = stored.locals[paper.id] { absorb(local, into: target.id) }
            }
        }
        var papers: [Paper] = []
        var placed: Set<PaperID> = []
        for paper in batch.papers {
            var renamed = paper
            if let target = renames[paper.id] { renamed.id = target }
            // An absorbed record goes right before the first record of its survivor.
            for item in absorbed where item.survivor == renamed.id && !placed.contains(item.local) {
                if let record = absorbedRecords[item.local] { papers.append(record) }
                placed.insert(item.local)
            }
            papers.append(renamed)
        }
        let entries = batch.entries.map { entry -> (entry: DailyEntry, renamed: Bool) in
            guard let target = renames[entry.paperID] else { return (entry, false) }
            var moved = entry
            moved.paperID = target
            return (moved, true)
        }
        return Plan(papers: papers, entries: entries, absorbed: absorbed, aliases: aliases)
    }
}

/// The tables whose rows name a paper and move to the survivor when a local paper is folded in, each with the
/// columns that, with `paper_id`, must stay unique (a row that would collide is left behind and cascades away:
/// one vote per user, one entry per day…). `paper_authors` and `paper_embeddings` are not moved: the survivor has
/// its own authors and gets its own vector. A contract test fails when a table referencing `papers` is missing.
public enum PaperReferences {
    public static let moved: [(table: String, uniqueWith: [String])] = [
        ("daily_entries", ["day"]), ("votes", ["user_id"]), ("comments", []), ("collection_papers", ["collection_id"]),
        ("author_claims", ["user_id"]), ("paper_marks", ["user_id", "kind"]),
    ]
    /// Tables that reference papers and are deliberately not moved (they cascade with the local row).
    public static let notMoved: Set<String> = ["paper_authors", "paper_embeddings", "paper_aliases"]

    /// One statement per moved table: `UPDATE t SET paper_id = ?survivor WHERE paper_id = ?local AND NOT EXISTS
    /// (a row of the survivor with the same unique columns)`. Placeholders: `$1` survivor, `$2` local (PostgreSQL)
    /// or `?1`, `?2` (SQLite) as `placeholder` makes them.
    public static func moveStatements(placeholder: (Int) -> String) -> [String] {
        let survivor = placeholder(1), local = placeholder(2)
        return moved.map { table, unique in
            let clash = unique.isEmpty ? "" : " AND NOT EXISTS (SELECT 1 FROM \(table) o WHERE o.paper_id = \(survivor) AND "
                + unique.map { "o.\($0) = \(table).\($0)" }.joined(separator: " AND ") + ")"
            return "UPDATE \(table) SET paper_id = \(survivor) WHERE paper_id = \(local)\(clash)"
        }
    }
}

import Foundation
import GRDB
import PaperboyCore
import Testing
@testable import PaperboyStore

/// Issue #17: a seed list's `local-…` paper and the same paper under its arXiv id are stored once, whichever comes
/// first, with everything that named the local id moved to the arXiv id and an alias left behind.
@Suite("Duplicate merge contract")
struct DuplicateMergeContractTests {
    static let at = Date(timeIntervalSince1970: 1_717_000_000)
    static let seedTitle = "SparseD: Sparse Attention for Diffusion Language Models"
    static let local = PaperID.local(title: seedTitle)
    static let arxivID = PaperID(unchecked: "2509.24014")

    /// The seed list's record (no authors, no arXiv id), featured on 2025-09-29.
    static var seedBatch: ImportBatch {
        let seed = Paper(id: local, title: seedTitle, abstract: "Seed abstract.", authorCount: 4, importedUpvotes: 3,
                         source: "seed")
        return ImportBatch(papers: [seed], entries: [DailyEntry(day: day("2025-09-29"), paperID: local, position: 0)])
    }

    /// The HF dump's record: the title wrapped and cased differently, authors, featured on 2025-09-30.
    static var hfBatch: ImportBatch {
        var hf = paper(arxivID.rawValue, votes: 40, title: "SparseD: Sparse Attention for\n  Diffusion Language models")
        hf.authors = [Author(name: "Zeqing Wang"), Author(name: "Gongfan Fang")]
        return ImportBatch(papers: [hf], entries: [DailyEntry(day: day("2025-09-30"), paperID: arxivID, position: 2)])
    }

    func expectOnePaper(_ papers: any PaperStore, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        #expect(try await papers.stats().papers == 1, sourceLocation: sourceLocation)
        #expect(try await papers.paper(Self.local) == nil, "the local row is gone", sourceLocation: sourceLocation)
        #expect(try await papers.survivor(of: Self.local) == Self.arxivID, sourceLocation: sourceLocation)
        #expect(try await papers.survivor(of: Self.arxivID) == nil, sourceLocation: sourceLocation)
        let detail = try required(try await papers.paper(Self.arxivID), "the survivor")
        #expect(detail.entries.map(\.day.description) == ["2025-09-30", "2025-09-29"], "both days list the survivor",
                sourceLocation: sourceLocation)
        #expect(detail.paper.authors.map(\.name) == ["Zeqing Wang", "Gongfan Fang"], sourceLocation: sourceLocation)
        #expect(detail.paper.title == "SparseD: Sparse Attention for\n  Diffusion Language models",
                "the HF record outranks the seed's", sourceLocation: sourceLocation)
        let feed = try await papers.feed(FeedQuery(limit: 10))
        #expect(feed.items.map(\.paper.id) == [Self.arxivID, Self.arxivID], sourceLocation: sourceLocation)
    }

    @Test(arguments: PaperBackend.all)
    func seedFirstThenArxiv(backend: PaperBackend) async throws {
        let papers = try await backend.make()
        _ = try await papers.apply(Self.seedBatch)
        let head = try await papers.feedHead()
        _ = try await papers.apply(Self.hfBatch)
        try await expectOnePaper(papers)
        let changes = try await papers.changes(after: head, limit: 10)
        #expect(changes.contains { $0.id == Self.local && $0.paper == nil }, "the feed reports the local paper removed")
        #expect(changes.contains { $0.id == Self.arxivID && $0.paper != nil })
    }

    @Test(arguments: PaperBackend.all)
    func arxivFirstThenSeedAndReimportsChangeNothing(backend: PaperBackend) async throws {
        let papers = try await backend.make()
        _ = try await papers.apply(Self.hfBatch)
        let counts = try await papers.apply(Self.seedBatch)
        #expect(counts.papersInserted == 0)
        try await expectOnePaper(papers)
        let before = try await papers.paper(Self.arxivID)
        for batch in [Self.seedBatch, Self.hfBatch, Self.seedBatch] {
            #expect(try await !papers.apply(batch).changedAnything, "re-imports are idempotent")
        }
        #expect(try await papers.paper(Self.arxivID) == before)
        try await expectOnePaper(papers)
    }

    @Test(arguments: PaperBackend.all)
    func bothInOneBatch(backend: PaperBackend) async throws {
        let papers = try await backend.make()
        _ = try await papers.apply(ImportBatch(papers: Self.seedBatch.papers + Self.hfBatch.papers,
                                               entries: Self.seedBatch.entries + Self.hfBatch.entries))
        try await expectOnePaper(papers)
    }

    @Test(arguments: PaperBackend.all)
    func differentAuthorsAreDifferentPapers(backend: PaperBackend) async throws {
        let papers = try await backend.make()
        var seed = Self.seedBatch
        seed.papers[0].authors = [Author(name: "Someone Else")]
        _ = try await papers.apply(seed)
        _ = try await papers.apply(Self.hfBatch)
        #expect(try await papers.stats().papers == 2)
        #expect(try await papers.survivor(of: Self.local) == nil)
        #expect(try await papers.paper(Self.local) != nil)
    }

    @Test(arguments: Backend.all)
    func communityRowsMoveToTheSurvivor(backend: Backend) async throws {
        let stores = try await backend.make()
        let c = stores.community
        _ = try await stores.papers.apply(Self.seedBatch)
        let ada = try await stores.accounts.createUser(username: "ada", email: "ada@example.org", passwordHash: "h", at: Self.at)
        let alan = try await stores.accounts.createUser(username: "alan", email: "alan@example.org", passwordHash: "h", at: Self.at)
        _ = try await c.setUpvote(userID: ada.id, paperID: Self.local, to: true, at: Self.at)
        _ = try await c.setUpvote(userID: alan.id, paperID: Self.local, to: true, at: Self.at)
        let comment = try await c.addComment(userID: ada.id, paperID: Self.local, parentID: nil, body: "Nice.", at: Self.at)
        _ = try await c.addComment(userID: alan.id, paperID: Self.local, parentID: comment.id, body: "Agreed.", at: Self.at)
        let list = try await c.createCollection(ownerID: ada.id, name: "Sparse", description: "", isPublic: true, at: Self.at)
        try await c.setInCollection(collectionID: list.id, paperID: Self.local, true, at: Self.at)
        try await c.setMark(.read, userID: ada.id, paperID: Self.local, on: true, at: Self.at)
        _ = try await c.submit(paperID: Self.local, day: day("2025-10-01"), by: UserRef(username: "ada"), at: Self.at)

        _ = try await stores.papers.apply(Self.hfBatch)
        #expect(try await stores.papers.stats().papers == 1)
        let detail = try required(try await stores.papers.paper(Self.arxivID))
        #expect(detail.upvotes == 40 + 2, "imported + the two moved votes")
        #expect(detail.comments == 2)
        #expect(detail.entries.map(\.day.description) == ["2025-10-01", "2025-09-30", "2025-09-29"])
        #expect(try await c.upvoted(userID: alan.id, among: [Self.arxivID]) == [Self.arxivID])
        #expect(try await c.comments(paperID: Self.arxivID, includeHidden: false).map(\.body) == ["Nice.", "Agreed."])
        #expect(try await c.comments(paperID: Self.local, includeHidden: true).isEmpty)
        #expect(try await c.collection(id: list.id)?.paperIDs == [Self.arxivID])
        #expect(try await c.marks(userID: ada.id, among: [Self.arxivID]) == [Self.arxivID: [.read]])
        #expect(try await stores.papers.survivor(of: Self.local) == Self.arxivID)
    }

    @Test(arguments: Backend.all)
    func aVoteOnBothCopiesBecomesOne(backend: Backend) async throws {
        let stores = try await backend.make()
        _ = try await stores.papers.apply(Self.seedBatch)
        let ada = try await stores.accounts.createUser(username: "ada", email: "ada@example.org", passwordHash: "h", at: Self.at)
        _ = try await stores.community.setUpvote(userID: ada.id, paperID: Self.local, to: true, at: Self.at)
        // A different-author arXiv paper first (no merge), so Ada can vote on the arXiv id before the merge.
        var other = Self.hfBatch
        other.papers[0].title = "SparseD (preprint)"
        _ = try await stores.papers.apply(other)
        _ = try await stores.community.setUpvote(userID: ada.id, paperID: Self.arxivID, to: true, at: Self.at)
        _ = try await stores.papers.apply(Self.hfBatch)
        let detail = try required(try await stores.papers.paper(Self.arxivID))
        #expect(detail.upvotes == 40 + 1, "one vote per user survives the merge")
        #expect(try await stores.papers.stats().papers == 1)
    }

    @Test(arguments: Backend.all)
    func concurrentImportersNeverDoubleAPaper(backend: Backend) async throws {
        for round in 0..<6 {
            let pools = try await backend.make(pools: 2)
            let (first, second) = round % 2 == 0 ? (Self.seedBatch, Self.hfBatch) : (Self.hfBatch, Self.seedBatch)
            async let a = pools[0].papers.apply(first)
            async let b = pools[1].papers.apply(second)
            _ = try await (a, b)
            try await expectOnePaper(pools[0].papers)
        }
    }
}

/// SQLite-only: the migration that merges duplicates stored before the rule, and the list of moved tables.
@Suite("Duplicate merge migration (SQLite)")
struct DuplicateMergeMigrationTests {
    @Test func theMigrationMergesStoredDuplicates() throws {
        let path = TempDir.make().appendingPathComponent("old.sqlite").path
        do {
            let queue = try DatabaseQueue(path: path)
            try SQLiteSchema.migrator.migrate(queue, upTo: "recommend-v1-paper-marks")
            try queue.write { db in
                let local = DuplicateMergeContractTests.local.rawValue
                try db.execute(sql: """
                    INSERT INTO papers (id, title, source) VALUES (?, ?, 'seed'), ('2509.24014', ?, 'hf-daily'),
                        ('2501.00001', 'Unrelated', 'hf-daily');
                    INSERT INTO daily_entries (day, paper_id, position) VALUES ('2025-09-29', ?, 0), ('2025-09-30', '2509.24014', 0);
                    INSERT INTO users (id, username, email, password_hash, created_at) VALUES (1, 'ada', 'ada@example.org', 'h', 0);
                    INSERT INTO votes (user_id, paper_id, created_at) VALUES (1, ?, 0);
                    UPDATE papers SET local_upvotes = 1 WHERE id = ?;
                    """, arguments: [local, DuplicateMergeContractTests.seedTitle,
                                     "SPARSED: sparse attention for diffusion language models", local, local, local])
            }
        }
        let store = SQLitePaperStore(database: try SQLiteDatabase(path: path))
        let counts = try DatabaseQueue(path: path).read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM papers") ?? 0,
             try String.fetchOne(db, sql: "SELECT paper_id FROM paper_aliases WHERE alias_id = ?",
                                 arguments: [DuplicateMergeContractTests.local.rawValue]),
             try Int.fetchOne(db, sql: "SELECT local_upvotes FROM papers WHERE id = '2509.24014'"),
             try String.fetchAll(db, sql: "SELECT day FROM daily_entries WHERE paper_id = '2509.24014' ORDER BY day"))
        }
        #expect(counts.0 == 2)
        #expect(counts.1 == "2509.24014")
        #expect(counts.2 == 1)
        #expect(counts.3 == ["2025-09-29", "2025-09-30"])
        _ = store
    }

    /// Every table with a foreign key to `papers` is either moved on a merge or deliberately left to cascade: a
    /// new table that names papers must be added to ``PaperReferences``.
    @Test func everyTableThatNamesAPaperIsAccountedFor() throws {
        let database = try SQLiteDatabase(path: TempDir.make().appendingPathComponent("t.sqlite").path)
        let referencing = try database.writer.read { db in
            try String.fetchAll(db, sql: """
                SELECT DISTINCT m.name FROM sqlite_master m, pragma_foreign_key_list(m.name) f
                WHERE m.type = 'table' AND f."table" = 'papers'
                """)
        }
        let accounted = Set(PaperReferences.moved.map(\.table)).union(PaperReferences.notMoved)
        #expect(Set(referencing) == accounted)
    }
}

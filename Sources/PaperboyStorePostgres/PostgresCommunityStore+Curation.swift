import Foundation
import PaperboyCore
import PaperboyStore
import PostgresNIO

/// Submissions, collections, author pages and claims.
extension PostgresCommunityStore {
    // MARK: Submissions and days

    public func submit(paperID: PaperID, day: Day, by user: UserRef, at: Date) async throws -> DailyEntry {
        try await database.transaction("submit a paper") { s in
            guard let entry = try await PostgresPaperStore.feature(paperID, on: day, by: user, at: at, in: s) else {
                throw PaperboyError(.conflict, "Paper \(paperID) is already on \(day)'s list.")
            }
            return entry
        }
    }

    public func removeEntry(paperID: PaperID, day: Day) async throws -> Bool {
        try await database.transaction("remove a paper from a day") { s in
            let removed = try await s.execute("""
                DELETE FROM daily_entries WHERE day = \(day.description) AND paper_id = \(paperID.rawValue) RETURNING 1
                """) == 1
            if removed { try await PostgresPaperStore.touch(paperID.rawValue, in: s) }
            return removed
        }
    }

    // MARK: Collections

    public func createCollection(ownerID: Int64, name: String, description: String, isPublic: Bool, at: Date) async throws
        -> PaperCollection {
        try await database.transaction("create a collection") { s in
            // One owner's slugs are picked one creation at a time.
            try await s.execute("SELECT pg_advisory_xact_lock(3, hashtext(\(String(ownerID))))")
            let base = PaperCollection.slug(for: name)
            var slug = base
            var n = 2
            while try await s.first("SELECT 1 FROM collections WHERE user_id = \(ownerID) AND slug = \(slug)") != nil {
                slug = "\(base)-\(n)"
                n += 1
            }
            guard let id = try await s.value(Int64.self, """
                INSERT INTO collections (user_id, slug, name, description, is_public, created_at)
                VALUES (\(ownerID), \(slug), \(name), \(description), \(isPublic), \(at.timeIntervalSince1970)) RETURNING id
                """), let made = try await Self.fetchCollections(where: "c.id = \(id)", s).first
            else { throw PaperboyError(.storage, "Collection vanished.") }
            return made
        }
    }

    public func collection(owner: String, slug: String) async throws -> PaperCollection? {
        try await database.read("read a collection") { s in
            try await Self.fetchCollections(where: "lower(u.username) = lower(\(owner)) AND c.slug = \(slug)", s).first
        }
    }

    public func collection(id: Int64) async throws -> PaperCollection? {
        try await database.read("read a collection") { s in try await Self.fetchCollections(where: "c.id = \(id)", s).first }
    }

    public func collections(ownerID: Int64, includePrivate: Bool) async throws -> [PaperCollection] {
        try await database.read("read collections") { s in
            try await Self.fetchCollections(where: "c.user_id = \(ownerID) AND (\(includePrivate) OR c.is_public)", s)
        }
    }

    public func setInCollection(collectionID: Int64, paperID: PaperID, _ included: Bool, at: Date) async throws {
        try await database.transaction("change a collection") { s in
            try await Self.requirePaper(paperID, s)
            if included {
                try await s.execute("""
                    INSERT INTO collection_papers (collection_id, paper_id, added_at)
                    VALUES (\(collectionID), \(paperID.rawValue), \(at.timeIntervalSince1970)) ON CONFLICT DO NOTHING
                    """)
            } else {
                try await s.execute("""
                    DELETE FROM collection_papers WHERE collection_id = \(collectionID) AND paper_id = \(paperID.rawValue)
                    """)
            }
        }
    }

    public func deleteCollection(id: Int64) async throws {
        try await database.transaction("delete a collection") { s in
            try await s.execute("DELETE FROM collections WHERE id = \(id)")
        }
    }

    /// Collections matching `condition` (a `WHERE` fragment with its binds), newest first, with their papers.
    static func fetchCollections(where condition: PostgresQuery, _ s: PostgresSession) async throws -> [PaperCollection] {
        let query = PostgresQuery(unsafeSQL: """
            SELECT c.*, u.username FROM collections c JOIN users u ON u.id = c.user_id
            WHERE \(condition.sql) ORDER BY c.created_at DESC, c.id DESC
            """, binds: condition.binds)
        var out: [PaperCollection] = []
        for row in try await s.rows(query) {
            let id: Int64 = try row.get("id")
            let papers = try await s.rows("""
                SELECT paper_id FROM collection_papers WHERE collection_id = \(id) ORDER BY added_at DESC, paper_id
                """).map { PaperID(unchecked: try $0.get("paper_id")) }
            out.append(PaperCollection(id: id, ownerID: try row.get("user_id"), owner: try row.get("username"),
                                       slug: try row.get("slug"), name: try row.get("name"),
                                       description: try row.get("description"), isPublic: try row.get("is_public"),
                                       paperIDs: papers, createdAt: Date(timeIntervalSince1970: try row.get("created_at"))))
        }
        return out
    }

    // MARK: Authors and claims

    public func paperIDs(author normalizedName: String, limit: Int) async throws -> [PaperID] {
        try await database.session("read an author's papers") { s in
            try await s.rows("""
                SELECT a.paper_id FROM paper_authors a JOIN papers p ON p.id = a.paper_id
                WHERE a.normalized_name = \(normalizedName)
                GROUP BY a.paper_id, p.published_at, p.id
                ORDER BY p.published_at DESC NULLS LAST, p.id DESC LIMIT \(max(0, limit))
                """).map { PaperID(unchecked: try $0.get("paper_id")) }
        }
    }

    public func claimAuthorship(userID: Int64, paperID: PaperID, authorName: String, at: Date) async throws -> AuthorClaim {
        try await database.transaction("claim authorship") { s in
            try await Self.requirePaper(paperID, s)
            guard let name = try await s.value(String.self, """
                SELECT name FROM paper_authors WHERE paper_id = \(paperID.rawValue)
                    AND normalized_name = \(Author.normalise(authorName)) ORDER BY position LIMIT 1
                """)
            else { throw PaperboyError.notFound("'\(authorName.prefix(80))' is not an author of \(paperID).") }
            guard let id = try await s.value(Int64.self, """
                INSERT INTO author_claims (paper_id, author_name, user_id, status, created_at)
                VALUES (\(paperID.rawValue), \(name), \(userID), 'pending', \(at.timeIntervalSince1970))
                ON CONFLICT (paper_id, user_id) DO NOTHING RETURNING id
                """) else { throw PaperboyError(.conflict, "You have already claimed an authorship of this paper.") }
            guard let claim = try await Self.fetchClaims(where: "c.id = \(id)", s).first else {
                throw PaperboyError(.storage, "Claim vanished.")
            }
            return claim
        }
    }

    public func claims(status: AuthorClaim.Status?, userID: Int64?, limit: Int) async throws -> [AuthorClaim] {
        try await database.session("read claims") { s in
            try await Self.fetchClaims(where: """
                (\(status?.rawValue)::text IS NULL OR c.status = \(status?.rawValue))
                AND (\(userID)::bigint IS NULL OR c.user_id = \(userID)) ORDER BY c.id LIMIT \(max(0, limit))
                """, s)
        }
    }

    public func decideClaim(id: Int64, approve: Bool, at: Date) async throws -> AuthorClaim {
        try await database.transaction("decide a claim") { s in
            guard var claim = try await Self.fetchClaims(where: "c.id = \(id)", s).first else {
                throw PaperboyError.notFound("No such claim.")
            }
            claim.status = approve ? .approved : .rejected
            try await s.execute("""
                UPDATE author_claims SET status = \(claim.status.rawValue), decided_at = \(at.timeIntervalSince1970) WHERE id = \(id)
                """)
            guard approve else { return claim }
            // The author list is read, changed and written back under the paper's import lock and row lock.
            try await PostgresPaperStore.lockPapers([claim.paperID.rawValue], in: s)
            if let text = try await s.value(String.self, """
                SELECT authors_json FROM papers WHERE id = \(claim.paperID.rawValue) FOR UPDATE
                """) {
                var authors = try JSONText.decodeAuthors(text)
                let key = Author.normalise(claim.authorName)
                if let i = authors.firstIndex(where: { Author.normalise($0.name) == key }) {
                    authors[i].user = UserRef(username: claim.username)
                    authors[i].status = AuthorClaim.verifiedStatus
                    try await s.execute("""
                        UPDATE papers SET authors_json = \(JSONText.authors(authors)), \(unescaped: Self.touchSQL)
                        WHERE id = \(claim.paperID.rawValue)
                        """)
                }
            }
            return claim
        }
    }

    static func fetchClaims(where condition: PostgresQuery, _ s: PostgresSession) async throws -> [AuthorClaim] {
        try await s.rows(PostgresQuery(unsafeSQL: """
            SELECT c.*, u.username FROM author_claims c JOIN users u ON u.id = c.user_id WHERE \(condition.sql)
            """, binds: condition.binds)).map { row in
            AuthorClaim(id: try row.get("id"), paperID: PaperID(unchecked: try row.get("paper_id")),
                        authorName: try row.get("author_name"), userID: try row.get("user_id"),
                        username: try row.get("username"),
                        status: AuthorClaim.Status(rawValue: try row.get("status")) ?? .pending,
                        createdAt: Date(timeIntervalSince1970: try row.get("created_at")))
        }
    }
}

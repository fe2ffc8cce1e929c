import Foundation
import GRDB
import PaperboyCore

/// Submissions, collections, author pages and claims.
extension SQLiteCommunityStore {
    // MARK: Submissions and days

    public func submit(paperID: PaperID, day: Day, by user: UserRef, at: Date) async throws -> DailyEntry {
        try await write("submit a paper") { db in
            guard let entry = try SQLitePaperStore.feature(paperID, on: day, by: user, at: at, in: db) else {
                throw PaperboyError(.conflict, "Paper \(paperID) is already on \(day)'s list.")
            }
            return entry
        }
    }

    public func removeEntry(paperID: PaperID, day: Day) async throws -> Bool {
        try await write("remove a paper from a day") { db in
            try db.execute(sql: "DELETE FROM daily_entries WHERE day = ? AND paper_id = ?",
                           arguments: [day.description, paperID.rawValue])
            let removed = db.changesCount == 1
            if removed {
                try db.execute(sql: "UPDATE papers SET \(Self.touchSQL) WHERE id = ?", arguments: [paperID.rawValue])
            }
            return removed
        }
    }

    // MARK: Collections

    public func createCollection(ownerID: Int64, name: String, description: String, isPublic: Bool, at: Date) async throws
        -> PaperCollection {
        try await write("create a collection") { db in
            let base = PaperCollection.slug(for: name)
            var slug = base
            var n = 2
            while try Bool.fetchOne(db, sql: "SELECT 1 FROM collections WHERE user_id = ? AND slug = ?",
                                    arguments: [ownerID, slug]) == true {
                slug = "\(base)-\(n)"
                n += 1
            }
            try db.execute(sql: """
                INSERT INTO collections (user_id, slug, name, description, is_public, created_at) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [ownerID, slug, name, description, isPublic, at.timeIntervalSince1970])
            guard let made = try Self.fetchCollection(sql: "c.id = ?", [db.lastInsertedRowID], db).first else {
                throw PaperboyError(.storage, "Collection vanished.")
            }
            return made
        }
    }

    public func collection(owner: String, slug: String) async throws -> PaperCollection? {
        try await read("read a collection") { db in
            try Self.fetchCollection(sql: "u.username = ? COLLATE NOCASE AND c.slug = ?", [owner, slug], db).first
        }
    }

    public func collection(id: Int64) async throws -> PaperCollection? {
        try await read("read a collection") { db in try Self.fetchCollection(sql: "c.id = ?", [id], db).first }
    }

    public func collections(ownerID: Int64, includePrivate: Bool) async throws -> [PaperCollection] {
        try await read("read collections") { db in
            try Self.fetchCollection(sql: "c.user_id = ? AND (? OR c.is_public = 1)", [ownerID, includePrivate], db)
        }
    }

    public func setInCollection(collectionID: Int64, paperID: PaperID, _ included: Bool, at: Date) async throws {
        try await write("change a collection") { db in
            try Self.requirePaper(paperID, db)
            if included {
                try db.execute(sql: """
                    INSERT OR IGNORE INTO collection_papers (collection_id, paper_id, added_at) VALUES (?, ?, ?)
                    """, arguments: [collectionID, paperID.rawValue, at.timeIntervalSince1970])
            } else {
                try db.execute(sql: "DELETE FROM collection_papers WHERE collection_id = ? AND paper_id = ?",
                               arguments: [collectionID, paperID.rawValue])
            }
        }
    }

    public func deleteCollection(id: Int64) async throws {
        try await write("delete a collection") { db in
            try db.execute(sql: "DELETE FROM collections WHERE id = ?", arguments: [id])
        }
    }

    static func fetchCollection(sql condition: String, _ args: [any DatabaseValueConvertible], _ db: Database) throws
        -> [PaperCollection] {
        try Row.fetchAll(db, sql: """
            SELECT c.*, u.username FROM collections c JOIN users u ON u.id = c.user_id
            WHERE \(condition) ORDER BY c.created_at DESC, c.id DESC
            """, arguments: StatementArguments(args)).map { row in
            let id: Int64 = row["id"]
            let papers = try String.fetchAll(db, sql: """
                SELECT paper_id FROM collection_papers WHERE collection_id = ? ORDER BY added_at DESC, paper_id
                """, arguments: [id]).map(PaperID.init(unchecked:))
            return PaperCollection(id: id, ownerID: row["user_id"], owner: row["username"], slug: row["slug"],
                                   name: row["name"], description: row["description"], isPublic: row["is_public"],
                                   paperIDs: papers, createdAt: Date(timeIntervalSince1970: row["created_at"]))
        }
    }

    // MARK: Authors and claims

    public func paperIDs(author normalizedName: String, limit: Int) async throws -> [PaperID] {
        try await read("read an author's papers") { db in
            try String.fetchAll(db, sql: """
                SELECT DISTINCT a.paper_id FROM paper_authors a JOIN papers p ON p.id = a.paper_id
                WHERE a.normalized_name = ? ORDER BY p.published_at DESC, p.id DESC LIMIT ?
                """, arguments: [normalizedName, limit]).map(PaperID.init(unchecked:))
        }
    }

    public func claimAuthorship(userID: Int64, paperID: PaperID, authorName: String, at: Date) async throws -> AuthorClaim {
        try await write("claim authorship") { db in
            try Self.requirePaper(paperID, db)
            guard let name = try String.fetchOne(db, sql: """
                SELECT name FROM paper_authors WHERE paper_id = ? AND normalized_name = ? ORDER BY position LIMIT 1
                """, arguments: [paperID.rawValue, Author.normalise(authorName)])
            else { throw PaperboyError.notFound("'\(authorName.prefix(80))' is not an author of \(paperID).") }
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM author_claims WHERE paper_id = ? AND user_id = ?",
                                 arguments: [paperID.rawValue, userID]) == true {
                throw PaperboyError(.conflict, "You have already claimed an authorship of this paper.")
            }
            try db.execute(sql: """
                INSERT INTO author_claims (paper_id, author_name, user_id, status, created_at) VALUES (?, ?, ?, 'pending', ?)
                """, arguments: [paperID.rawValue, name, userID, at.timeIntervalSince1970])
            guard let claim = try Self.fetchClaims(sql: "c.id = ?", [db.lastInsertedRowID], db).first else {
                throw PaperboyError(.storage, "Claim vanished.")
            }
            return claim
        }
    }

    public func claims(status: AuthorClaim.Status?, userID: Int64?, limit: Int) async throws -> [AuthorClaim] {
        try await read("read claims") { db in
            try Self.fetchClaims(sql: "(?1 IS NULL OR c.status = ?1) AND (?2 IS NULL OR c.user_id = ?2) LIMIT ?3",
                                 [status?.rawValue, userID, limit], db)
        }
    }

    public func decideClaim(id: Int64, approve: Bool, at: Date) async throws -> AuthorClaim {
        try await write("decide a claim") { db in
            guard var claim = try Self.fetchClaims(sql: "c.id = ?", [id], db).first else {
                throw PaperboyError.notFound("No such claim.")
            }
            claim.status = approve ? .approved : .rejected
            try db.execute(sql: "UPDATE author_claims SET status = ?, decided_at = ? WHERE id = ?",
                           arguments: [claim.status.rawValue, at.timeIntervalSince1970, id])
            if approve, let text = try String.fetchOne(db, sql: "SELECT authors_json FROM papers WHERE id = ?",
                                                       arguments: [claim.paperID.rawValue]) {
                var authors = try JSONText.decodeAuthors(text)
                let key = Author.normalise(claim.authorName)
                if let i = authors.firstIndex(where: { Author.normalise($0.name) == key }) {
                    authors[i].user = UserRef(username: claim.username)
                    authors[i].status = AuthorClaim.verifiedStatus
                    try db.execute(sql: "UPDATE papers SET authors_json = ?, \(Self.touchSQL) WHERE id = ?",
                                   arguments: [JSONText.authors(authors), claim.paperID.rawValue])
                }
            }
            return claim
        }
    }

    static func fetchClaims(sql condition: String, _ args: [(any DatabaseValueConvertible)?], _ db: Database) throws
        -> [AuthorClaim] {
        try Row.fetchAll(db, sql: """
            SELECT c.*, u.username FROM author_claims c JOIN users u ON u.id = c.user_id
            WHERE \(condition)
            """, arguments: StatementArguments(args)).map { row in
            AuthorClaim(id: row["id"], paperID: PaperID(unchecked: row["paper_id"]), authorName: row["author_name"],
                        userID: row["user_id"], username: row["username"],
                        status: AuthorClaim.Status(rawValue: row["status"]) ?? .pending,
                        createdAt: Date(timeIntervalSince1970: row["created_at"]))
        }
    }
}

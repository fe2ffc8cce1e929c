import Foundation
import GRDB
import PaperboyCore

/// Votes and comments: each change and its count update (`papers.local_upvotes` / `local_comments`, plus
/// `modified_at` so the search index re-reads the paper) happen in one transaction.
extension SQLiteCommunityStore {
    static var touchSQL: String { SQLitePaperStore.touchSQL }

    public func setUpvote(userID: Int64, paperID: PaperID, to wanted: Bool?, at: Date) async throws -> UpvoteState {
        try await write("record an upvote") { db in
            try Self.requirePaper(paperID, db)
            let has = try Bool.fetchOne(db, sql: "SELECT 1 FROM votes WHERE user_id = ? AND paper_id = ?",
                                        arguments: [userID, paperID.rawValue]) == true
            let target = wanted ?? !has
            if target && !has {
                try db.execute(sql: "INSERT INTO votes (user_id, paper_id, created_at) VALUES (?, ?, ?)",
                               arguments: [userID, paperID.rawValue, at.timeIntervalSince1970])
                try db.execute(sql: "UPDATE papers SET local_upvotes = local_upvotes + 1, \(Self.touchSQL) WHERE id = ?",
                               arguments: [paperID.rawValue])
            } else if !target && has {
                try db.execute(sql: "DELETE FROM votes WHERE user_id = ? AND paper_id = ?",
                               arguments: [userID, paperID.rawValue])
                try db.execute(sql: "UPDATE papers SET local_upvotes = local_upvotes - 1, \(Self.touchSQL) WHERE id = ?",
                               arguments: [paperID.rawValue])
            }
            let total = try Int.fetchOne(db, sql: "SELECT imported_upvotes + local_upvotes FROM papers WHERE id = ?",
                                         arguments: [paperID.rawValue]) ?? 0
            return UpvoteState(upvotes: total, upvoted: target)
        }
    }

    public func upvoted(userID: Int64, among paperIDs: [PaperID]) async throws -> Set<PaperID> {
        guard !paperIDs.isEmpty else { return [] }
        return try await read("read upvotes") { db in
            let placeholders = Array(repeating: "?", count: paperIDs.count).joined(separator: ",")
            var args: [any DatabaseValueConvertible] = [userID]
            args.append(contentsOf: paperIDs.map(\.rawValue))
            let ids = try String.fetchAll(db, sql: """
                SELECT paper_id FROM votes WHERE user_id = ? AND paper_id IN (\(placeholders))
                """, arguments: StatementArguments(args))
            return Set(ids.map(PaperID.init(unchecked:)))
        }
    }

    public func upvotedPapers(userID: Int64, limit: Int) async throws -> [PaperID] {
        try await read("read upvotes") { db in
            try String.fetchAll(db, sql: """
                SELECT paper_id FROM votes WHERE user_id = ? ORDER BY created_at DESC, paper_id LIMIT ?
                """, arguments: [userID, limit]).map(PaperID.init(unchecked:))
        }
    }

    // MARK: Comments

    public func addComment(userID: Int64, paperID: PaperID, parentID: Int64?, body: String, at: Date) async throws -> Comment {
        try await write("add a comment") { db in
            try Self.requirePaper(paperID, db)
            var parent: Int64?
            if let parentID {
                guard let row = try Row.fetchOne(db, sql: "SELECT paper_id, parent_id FROM comments WHERE id = ?",
                                                 arguments: [parentID]),
                      (row["paper_id"] as String) == paperID.rawValue
                else { throw PaperboyError.notFound("The comment you replied to is gone.") }
                parent = (row["parent_id"] as Int64?) ?? parentID
            }
            try db.execute(sql: """
                INSERT INTO comments (paper_id, parent_id, user_id, body, created_at) VALUES (?, ?, ?, ?, ?)
                """, arguments: [paperID.rawValue, parent, userID, body, at.timeIntervalSince1970])
            let id = db.lastInsertedRowID
            try Self.recount(paperID.rawValue, db)
            guard let comment = try Self.fetchComment(id, db) else { throw PaperboyError(.storage, "Comment vanished.") }
            return comment
        }
    }

    public func comment(id: Int64) async throws -> Comment? {
        try await read("read a comment") { db in try Self.fetchComment(id, db) }
    }

    public func comments(paperID: PaperID, includeHidden: Bool) async throws -> [Comment] {
        try await read("read comments") { db in
            try Row.fetchAll(db, sql: """
                SELECT c.*, u.username FROM comments c JOIN users u ON u.id = c.user_id
                WHERE c.paper_id = ? AND (? OR c.hidden = 0) ORDER BY c.created_at, c.id
                """, arguments: [paperID.rawValue, includeHidden]).map(Self.comment(from:))
        }
    }

    public func comments(userID: Int64, limit: Int) async throws -> [Comment] {
        try await read("read comments") { db in
            try Row.fetchAll(db, sql: """
                SELECT c.*, u.username FROM comments c JOIN users u ON u.id = c.user_id
                WHERE c.user_id = ? AND c.hidden = 0 ORDER BY c.created_at DESC, c.id DESC LIMIT ?
                """, arguments: [userID, limit]).map(Self.comment(from:))
        }
    }

    public func editComment(id: Int64, body: String, at: Date) async throws -> Comment {
        try await write("edit a comment") { db in
            try db.execute(sql: "UPDATE comments SET body = ?, edited_at = ? WHERE id = ?",
                           arguments: [body, at.timeIntervalSince1970, id])
            guard db.changesCount == 1, let comment = try Self.fetchComment(id, db) else {
                throw PaperboyError.notFound("No such comment.")
            }
            // The paper's page shows the comment: its change moves the feed head (and so every cached copy's key).
            try db.execute(sql: "UPDATE papers SET \(Self.touchSQL) WHERE id = ?", arguments: [comment.paperID.rawValue])
            return comment
        }
    }

    public func deleteComment(id: Int64) async throws {
        try await write("delete a comment") { db in
            guard let paperID = try String.fetchOne(db, sql: "SELECT paper_id FROM comments WHERE id = ?", arguments: [id])
            else { throw PaperboyError.notFound("No such comment.") }
            try db.execute(sql: "DELETE FROM comments WHERE id = ?", arguments: [id])
            try Self.recount(paperID, db)
        }
    }

    public func setCommentHidden(id: Int64, _ hidden: Bool) async throws {
        try await write("hide a comment") { db in
            guard let paperID = try String.fetchOne(db, sql: "SELECT paper_id FROM comments WHERE id = ?", arguments: [id])
            else { throw PaperboyError.notFound("No such comment.") }
            try db.execute(sql: "UPDATE comments SET hidden = ? WHERE id = ?", arguments: [hidden, id])
            try Self.recount(paperID, db)
        }
    }

    /// `local_comments` = visible comments on the paper (replies included), recounted inside the transaction.
    static func recount(_ paperID: String, _ db: Database) throws {
        try db.execute(sql: """
            UPDATE papers SET local_comments = (SELECT count(*) FROM comments WHERE paper_id = ?1 AND hidden = 0),
                \(touchSQL) WHERE id = ?1
            """, arguments: [paperID])
    }

    static func requirePaper(_ id: PaperID, _ db: Database) throws {
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM papers WHERE id = ?", arguments: [id.rawValue]) == true else {
            throw PaperboyError.notFound("Paper \(id) is not on this site.")
        }
    }

    static func fetchComment(_ id: Int64, _ db: Database) throws -> Comment? {
        try Row.fetchOne(db, sql: """
            SELECT c.*, u.username FROM comments c JOIN users u ON u.id = c.user_id WHERE c.id = ?
            """, arguments: [id]).map(comment(from:))
    }

    static func comment(from row: Row) -> Comment {
        Comment(id: row["id"], paperID: PaperID(unchecked: row["paper_id"]), parentID: row["parent_id"],
                authorID: row["user_id"], author: UserRef(username: row["username"]), body: row["body"],
                createdAt: Date(timeIntervalSince1970: row["created_at"]),
                editedAt: (row["edited_at"] as Double?).map(Date.init(timeIntervalSince1970:)), hidden: row["hidden"])
    }
}

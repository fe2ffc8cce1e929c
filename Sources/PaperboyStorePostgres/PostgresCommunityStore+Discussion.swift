import Foundation
import PaperboyCore
import PaperboyStore
import PostgresNIO

/// Votes and comments: each change and its count update (`papers.local_upvotes` / `local_comments`, plus
/// `modified_at`) in one transaction, under the paper's row lock.
extension PostgresCommunityStore {
    static var touchSQL: String { PostgresPaperRow.touchSQL }

    public func setUpvote(userID: Int64, paperID: PaperID, to wanted: Bool?, at: Date) async throws -> UpvoteState {
        try await database.transaction("record an upvote") { s in
            try await Self.requirePaper(paperID, lock: true, s)
            let has = try await s.first("SELECT 1 FROM votes WHERE user_id = \(userID) AND paper_id = \(paperID.rawValue)") != nil
            let target = wanted ?? !has
            if target && !has {
                try await s.execute("""
                    INSERT INTO votes (user_id, paper_id, created_at) VALUES (\(userID), \(paperID.rawValue), \(at.timeIntervalSince1970))
                    """)
                try await s.execute("""
                    UPDATE papers SET local_upvotes = local_upvotes + 1, \(unescaped: Self.touchSQL) WHERE id = \(paperID.rawValue)
                    """)
            } else if !target && has {
                try await s.execute("DELETE FROM votes WHERE user_id = \(userID) AND paper_id = \(paperID.rawValue)")
                try await s.execute("""
                    UPDATE papers SET local_upvotes = local_upvotes - 1, \(unescaped: Self.touchSQL) WHERE id = \(paperID.rawValue)
                    """)
            }
            let total = try await s.value(Int.self, """
                SELECT imported_upvotes + local_upvotes FROM papers WHERE id = \(paperID.rawValue)
                """) ?? 0
            return UpvoteState(upvotes: total, upvoted: target)
        }
    }

    public func upvoted(userID: Int64, among paperIDs: [PaperID]) async throws -> Set<PaperID> {
        guard !paperIDs.isEmpty else { return [] }
        let raw = paperIDs.map(\.rawValue)
        return try await database.session("read upvotes") { s in
            Set(try await s.rows("SELECT paper_id FROM votes WHERE user_id = \(userID) AND paper_id = ANY(\(raw))")
                .map { PaperID(unchecked: try $0.get("paper_id")) })
        }
    }

    public func upvotedPapers(userID: Int64, limit: Int) async throws -> [PaperID] {
        try await database.session("read upvotes") { s in
            try await s.rows("""
                SELECT paper_id FROM votes WHERE user_id = \(userID) ORDER BY created_at DESC, paper_id LIMIT \(max(0, limit))
                """).map { PaperID(unchecked: try $0.get("paper_id")) }
        }
    }

    // MARK: Comments

    public func addComment(userID: Int64, paperID: PaperID, parentID: Int64?, body: String, at: Date) async throws -> Comment {
        try await database.transaction("add a comment") { s in
            try await Self.requirePaper(paperID, lock: true, s)
            var parent: Int64?
            if let parentID {
                guard let row = try await s.first("SELECT paper_id, parent_id FROM comments WHERE id = \(parentID)"),
                      try row.get("paper_id", as: String.self) == paperID.rawValue
                else { throw PaperboyError.notFound("The comment you replied to is gone.") }
                parent = try row.get("parent_id", as: Int64?.self) ?? parentID
            }
            guard let id = try await s.value(Int64.self, """
                INSERT INTO comments (paper_id, parent_id, user_id, body, created_at)
                VALUES (\(paperID.rawValue), \(parent), \(userID), \(body), \(at.timeIntervalSince1970)) RETURNING id
                """) else { throw PaperboyError(.storage, "Comment vanished.") }
            try await Self.recount(paperID.rawValue, s)
            guard let comment = try await Self.fetchComment(id, s) else { throw PaperboyError(.storage, "Comment vanished.") }
            return comment
        }
    }

    public func comment(id: Int64) async throws -> Comment? {
        try await database.session("read a comment") { s in try await Self.fetchComment(id, s) }
    }

    public func comments(paperID: PaperID, includeHidden: Bool) async throws -> [Comment] {
        try await database.session("read comments") { s in
            try await s.rows("""
                SELECT c.*, u.username FROM comments c JOIN users u ON u.id = c.user_id
                WHERE c.paper_id = \(paperID.rawValue) AND (\(includeHidden) OR NOT c.hidden) ORDER BY c.created_at, c.id
                """).map(Self.comment(from:))
        }
    }

    public func comments(userID: Int64, limit: Int) async throws -> [Comment] {
        try await database.session("read comments") { s in
            try await s.rows("""
                SELECT c.*, u.username FROM comments c JOIN users u ON u.id = c.user_id
                WHERE c.user_id = \(userID) AND NOT c.hidden ORDER BY c.created_at DESC, c.id DESC LIMIT \(max(0, limit))
                """).map(Self.comment(from:))
        }
    }

    public func editComment(id: Int64, body: String, at: Date) async throws -> Comment {
        try await database.transaction("edit a comment") { s in
            let changed = try await s.execute("""
                UPDATE comments SET body = \(body), edited_at = \(at.timeIntervalSince1970) WHERE id = \(id) RETURNING id
                """)
            guard changed == 1, let comment = try await Self.fetchComment(id, s) else {
                throw PaperboyError.notFound("No such comment.")
            }
            // The paper's page shows the comment: its change moves the feed head (and so every cached copy's key).
            try await s.execute("UPDATE papers SET \(unescaped: Self.touchSQL) WHERE id = \(comment.paperID.rawValue)")
            return comment
        }
    }

    public func deleteComment(id: Int64) async throws {
        try await database.transaction("delete a comment") { s in
            let paperID = try await Self.lockCommentPaper(id, s)
            try await s.execute("DELETE FROM comments WHERE id = \(id)")
            try await Self.recount(paperID, s)
        }
    }

    public func setCommentHidden(id: Int64, _ hidden: Bool) async throws {
        try await database.transaction("hide a comment") { s in
            let paperID = try await Self.lockCommentPaper(id, s)
            try await s.execute("UPDATE comments SET hidden = \(hidden) WHERE id = \(id)")
            try await Self.recount(paperID, s)
        }
    }

    /// The paper of comment `id`, with that paper's row locked; `notFound` for an unknown comment.
    static func lockCommentPaper(_ id: Int64, _ s: PostgresSession) async throws -> String {
        guard let paperID = try await s.value(String.self, "SELECT paper_id FROM comments WHERE id = \(id)") else {
            throw PaperboyError.notFound("No such comment.")
        }
        try await requirePaper(PaperID(unchecked: paperID), lock: true, s)
        return paperID
    }

    /// `local_comments` = visible comments on the paper (replies included), recounted inside the transaction.
    static func recount(_ paperID: String, _ s: PostgresSession) async throws {
        try await s.execute("""
            UPDATE papers SET local_comments = (SELECT count(*) FROM comments WHERE paper_id = \(paperID) AND NOT hidden),
                \(unescaped: touchSQL) WHERE id = \(paperID)
            """)
    }

    static func fetchComment(_ id: Int64, _ s: PostgresSession) async throws -> Comment? {
        try await s.first("""
            SELECT c.*, u.username FROM comments c JOIN users u ON u.id = c.user_id WHERE c.id = \(id)
            """).map(comment(from:))
    }

    static func comment(from row: PostgresRandomAccessRow) throws -> Comment {
        Comment(id: try row.get("id"), paperID: PaperID(unchecked: try row.get("paper_id")), parentID: try row.get("parent_id"),
                authorID: try row.get("user_id"), author: UserRef(username: try row.get("username")), body: try row.get("body"),
                createdAt: Date(timeIntervalSince1970: try row.get("created_at")),
                editedAt: (try row.get("edited_at", as: Double?.self)).map(Date.init(timeIntervalSince1970:)),
                hidden: try row.get("hidden"))
    }
}

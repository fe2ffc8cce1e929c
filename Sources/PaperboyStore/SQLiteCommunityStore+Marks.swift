import Foundation
import GRDB
import PaperboyCore

/// A reader's private marks ("not interested", "read"). They move no count and no change-feed position: nothing
/// shared shows them.
extension SQLiteCommunityStore {
    public func setMark(_ mark: PaperMark, userID: Int64, paperID: PaperID, on: Bool, at: Date) async throws {
        try await write("mark a paper") { db in
            try Self.requirePaper(paperID, db)
            if on {
                try db.execute(sql: """
                    INSERT INTO paper_marks (user_id, paper_id, kind, created_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (user_id, kind, paper_id) DO NOTHING
                    """, arguments: [userID, paperID.rawValue, mark.rawValue, at.timeIntervalSince1970])
            } else {
                try db.execute(sql: "DELETE FROM paper_marks WHERE user_id = ? AND kind = ? AND paper_id = ?",
                               arguments: [userID, mark.rawValue, paperID.rawValue])
            }
        }
    }

    public func markedPapers(_ mark: PaperMark, userID: Int64, limit: Int) async throws -> [PaperID] {
        try await read("read marks") { db in
            try String.fetchAll(db, sql: """
                SELECT paper_id FROM paper_marks WHERE user_id = ? AND kind = ?
                ORDER BY created_at DESC, paper_id LIMIT ?
                """, arguments: [userID, mark.rawValue, max(0, limit)]).map(PaperID.init(unchecked:))
        }
    }

    public func marks(userID: Int64, among paperIDs: [PaperID]) async throws -> [PaperID: Set<PaperMark>] {
        guard !paperIDs.isEmpty else { return [:] }
        return try await read("read marks") { db in
            var result: [PaperID: Set<PaperMark>] = [:]
            // In chunks: SQLite caps the number of bound parameters.
            for chunk in stride(from: 0, to: paperIDs.count, by: 500).map({ paperIDs[$0..<min($0 + 500, paperIDs.count)] }) {
                let placeholders = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                var args: [any DatabaseValueConvertible] = [userID]
                args.append(contentsOf: chunk.map(\.rawValue))
                for row in try Row.fetchAll(db, sql: """
                    SELECT paper_id, kind FROM paper_marks WHERE user_id = ? AND paper_id IN (\(placeholders))
                    """, arguments: StatementArguments(args)) {
                    guard let mark = PaperMark(rawValue: row["kind"]) else { continue }
                    result[PaperID(unchecked: row["paper_id"]), default: []].insert(mark)
                }
            }
            return result
        }
    }
}

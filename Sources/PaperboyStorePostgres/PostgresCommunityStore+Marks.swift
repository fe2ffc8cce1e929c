import Foundation
import PaperboyCore
import PaperboyStore
import PostgresNIO

/// A reader's private marks ("not interested", "read"), as in SQLite: no count, no change-feed position.
extension PostgresCommunityStore {
    public func setMark(_ mark: PaperMark, userID: Int64, paperID: PaperID, on: Bool, at: Date) async throws {
        try await database.transaction("mark a paper") { s in
            try await Self.requirePaper(paperID, s)
            if on {
                try await s.execute("""
                    INSERT INTO paper_marks (user_id, paper_id, kind, created_at)
                    VALUES (\(userID), \(paperID.rawValue), \(mark.rawValue), \(at.timeIntervalSince1970))
                    ON CONFLICT (user_id, kind, paper_id) DO NOTHING
                    """)
            } else {
                try await s.execute("""
                    DELETE FROM paper_marks WHERE user_id = \(userID) AND kind = \(mark.rawValue) AND paper_id = \(paperID.rawValue)
                    """)
            }
        }
    }

    public func markedPapers(_ mark: PaperMark, userID: Int64, limit: Int) async throws -> [PaperID] {
        try await database.session("read marks") { s in
            try await s.rows("""
                SELECT paper_id FROM paper_marks WHERE user_id = \(userID) AND kind = \(mark.rawValue)
                ORDER BY created_at DESC, paper_id LIMIT \(max(0, limit))
                """).map { PaperID(unchecked: try $0.get("paper_id")) }
        }
    }

    public func marks(userID: Int64, among paperIDs: [PaperID]) async throws -> [PaperID: Set<PaperMark>] {
        guard !paperIDs.isEmpty else { return [:] }
        let raw = paperIDs.map(\.rawValue)
        return try await database.session("read marks") { s in
            var result: [PaperID: Set<PaperMark>] = [:]
            for row in try await s.rows("""
                SELECT paper_id, kind FROM paper_marks WHERE user_id = \(userID) AND paper_id = ANY(\(raw))
                """) {
                guard let mark = PaperMark(rawValue: try row.get("kind")) else { continue }
                result[PaperID(unchecked: try row.get("paper_id")), default: []].insert(mark)
            }
            return result
        }
    }
}

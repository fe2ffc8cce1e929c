import Foundation
import GRDB
import PaperboyCore

/// The product's ``EmbeddingStore`` on a ``SQLiteDatabase``: `paper_embeddings` and `embedding_sequence`,
/// beside the papers they describe (rows cascade with their paper).
public struct SQLiteEmbeddingStore: EmbeddingStore, SQLiteAggregate {
    let database: SQLiteDatabase

    public init(database: SQLiteDatabase) {
        self.database = database
    }

    public func embeddingCandidates(model: String, after afterID: PaperID?, limit: Int) async throws
        -> [EmbeddingCandidate]
    {
        try await storage("read papers to embed") {
            try await writer.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT p.id, p.title, p.abstract, p.modified_at, e.content_hash
                    FROM papers p LEFT JOIN paper_embeddings e ON e.paper_id = p.id AND e.model = ?
                    WHERE p.id > ? AND (e.paper_id IS NULL OR p.modified_at > e.paper_modified_at)
                    ORDER BY p.id LIMIT ?
                    """, arguments: [model, afterID?.rawValue ?? "", max(1, limit)]
                ).map { row in
                    EmbeddingCandidate(id: PaperID(unchecked: row["id"]), title: row["title"], abstract: row["abstract"],
                                       modifiedAt: row["modified_at"], storedHash: row["content_hash"])
                }
            }
        }
    }

    public func saveEmbeddings(_ records: [EmbeddingRecord], model: String) async throws {
        guard !records.isEmpty else { return }
        try await storage("store embeddings") {
            try await writer.write { db in
                var sequence = try Int64.fetchOne(db, sql: "SELECT value FROM embedding_sequence WHERE id = 1") ?? 0
                let insert = try db.cachedStatement(sql: """
                    INSERT INTO paper_embeddings (paper_id, model, content_hash, paper_modified_at, seq, vector)
                    SELECT ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM papers WHERE id = ?)
                    ON CONFLICT (paper_id) DO UPDATE SET model = excluded.model, content_hash = excluded.content_hash,
                        paper_modified_at = excluded.paper_modified_at, seq = excluded.seq, vector = excluded.vector
                    """)
                let touch = try db.cachedStatement(sql: """
                    UPDATE paper_embeddings SET paper_modified_at = max(paper_modified_at, ?)
                    WHERE paper_id = ? AND model = ? AND content_hash = ?
                    """)
                for record in records {
                    if let vector = record.vector {
                        sequence += 1
                        try insert.execute(arguments: [record.id.rawValue, model, record.contentHash, record.paperModifiedAt,
                                                       sequence, VectorBytes.encode(vector), record.id.rawValue])
                    } else {
                        try touch.execute(arguments: [record.paperModifiedAt, record.id.rawValue, model, record.contentHash])
                    }
                }
                try db.execute(sql: "UPDATE embedding_sequence SET value = ? WHERE id = 1", arguments: [sequence])
            }
        }
    }

    public func embeddingProgress(model: String) async throws -> EmbeddingProgress {
        try await storage("count embeddings") {
            try await writer.read { db in
                let embedded = try Int.fetchOne(db, sql: "SELECT count(*) FROM paper_embeddings WHERE model = ?",
                                                arguments: [model]) ?? 0
                let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM papers") ?? 0
                return EmbeddingProgress(embedded: embedded, total: total)
            }
        }
    }

    public func embeddings(model: String, afterSequence sequence: Int64, limit: Int) async throws -> [StoredEmbedding] {
        try await storage("read embeddings") {
            try await writer.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT paper_id, seq, vector FROM paper_embeddings WHERE seq > ? AND model = ? ORDER BY seq LIMIT ?
                    """, arguments: [sequence, model, max(1, limit)]
                ).map { row in
                    StoredEmbedding(id: PaperID(unchecked: row["paper_id"]), vector: VectorBytes.decode(row["vector"]),
                                    sequence: row["seq"])
                }
            }
        }
    }

    public func embedding(of id: PaperID, model: String) async throws -> [Float]? {
        try await storage("read an embedding") {
            try await writer.read { db in
                try Data.fetchOne(db, sql: "SELECT vector FROM paper_embeddings WHERE paper_id = ? AND model = ?",
                                  arguments: [id.rawValue, model]).map(VectorBytes.decode)
            }
        }
    }
}

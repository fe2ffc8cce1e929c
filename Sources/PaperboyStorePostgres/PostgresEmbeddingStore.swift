import Foundation
import PaperboyCore
import PaperboyStore
import PostgresNIO

/// ``EmbeddingStore`` on a ``PostgresDatabase``: `paper_embeddings` (float32 little-endian `bytea`) and the
/// one-row `embedding_sequence`. A save takes the sequence row's lock first (`UPDATE … RETURNING`) and holds it to
/// commit, so two embedders never hand out the same sequence number and numbers become visible in order.
public struct PostgresEmbeddingStore: EmbeddingStore {
    let database: PostgresDatabase

    public init(database: PostgresDatabase) {
        self.database = database
    }

    public func embeddingCandidates(model: String, after afterID: PaperID?, limit: Int) async throws
        -> [EmbeddingCandidate]
    {
        try await database.session("read papers to embed") { s in
            try await s.rows("""
                SELECT p.id, p.title, p.abstract, p.modified_at, e.content_hash
                FROM papers p LEFT JOIN paper_embeddings e ON e.paper_id = p.id AND e.model = \(model)
                WHERE p.id > \(afterID?.rawValue ?? "") AND (e.paper_id IS NULL OR p.modified_at > e.paper_modified_at)
                ORDER BY p.id LIMIT \(max(1, limit))
                """).map { row in
                EmbeddingCandidate(id: PaperID(unchecked: try row.get("id")), title: try row.get("title"),
                                   abstract: try row.get("abstract"), modifiedAt: try row.get("modified_at"),
                                   storedHash: try row.get("content_hash"))
            }
        }
    }

    public func saveEmbeddings(_ records: [EmbeddingRecord], model: String) async throws {
        guard !records.isEmpty else { return }
        let fresh = records.filter { $0.vector != nil }.count
        try await database.transaction("store embeddings") { s in
            guard let last = try await s.value(Int64.self, """
                UPDATE embedding_sequence SET value = value + \(fresh) WHERE id = 1 RETURNING value
                """) else { throw PaperboyError(.storage, "The embedding sequence is missing.") }
            var sequence = last - Int64(fresh)
            for record in records {
                if let vector = record.vector {
                    sequence += 1
                    try await s.execute(try """
                        INSERT INTO paper_embeddings (paper_id, model, content_hash, paper_modified_at, seq, vector)
                        SELECT \(record.id.rawValue), \(model), \(record.contentHash), \(record.paperModifiedAt), \(sequence),
                               \(VectorBytes.encode(vector))
                        WHERE EXISTS (SELECT 1 FROM papers WHERE id = \(record.id.rawValue))
                        ON CONFLICT (paper_id) DO UPDATE SET model = excluded.model, content_hash = excluded.content_hash,
                            paper_modified_at = excluded.paper_modified_at, seq = excluded.seq, vector = excluded.vector
                        """)
                } else {
                    try await s.execute("""
                        UPDATE paper_embeddings SET paper_modified_at = greatest(paper_modified_at, \(record.paperModifiedAt))
                        WHERE paper_id = \(record.id.rawValue) AND model = \(model) AND content_hash = \(record.contentHash)
                        """)
                }
            }
        }
    }

    public func embeddingProgress(model: String) async throws -> EmbeddingProgress {
        try await database.session("count embeddings") { s in
            guard let row = try await s.first("""
                SELECT (SELECT count(*) FROM paper_embeddings WHERE model = \(model)) AS embedded,
                       (SELECT count(*) FROM papers) AS total
                """) else { return EmbeddingProgress(embedded: 0, total: 0) }
            return EmbeddingProgress(embedded: try row.get("embedded", as: Int.self), total: try row.get("total", as: Int.self))
        }
    }

    public func embeddings(model: String, afterSequence sequence: Int64, limit: Int) async throws -> [StoredEmbedding] {
        try await database.session("read embeddings") { s in
            try await s.rows("""
                SELECT paper_id, seq, vector FROM paper_embeddings
                WHERE seq > \(sequence) AND model = \(model) ORDER BY seq LIMIT \(max(1, limit))
                """).map { row in
                StoredEmbedding(id: PaperID(unchecked: try row.get("paper_id")), vector: VectorBytes.decode(try row.get("vector")),
                                sequence: try row.get("seq"))
            }
        }
    }

    public func embedding(of id: PaperID, model: String) async throws -> [Float]? {
        try await database.session("read an embedding") { s in
            try await s.value(Data.self, """
                SELECT vector FROM paper_embeddings WHERE paper_id = \(id.rawValue) AND model = \(model)
                """).map(VectorBytes.decode)
        }
    }
}

import GRDB

extension SQLiteSchema {
    /// Dense vectors of papers (semantic search). One row per paper and model; the vector is little-endian
    /// float32 (measured: float16 changes SciFact nDCG@10 in the 4th decimal but saves only 77 MB at 50k
    /// papers, so float32 stays). `seq` is a monotonically increasing write sequence that vector indexes
    /// follow to catch up; `paper_modified_at` is the paper's `modified_at` when the vector was checked, so
    /// the embedding job only re-reads papers that changed since.
    static func registerEmbeddings(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("embeddings-v1-paper-embeddings") { db in
            try db.execute(sql: """
                CREATE TABLE paper_embeddings (
                    paper_id TEXT PRIMARY KEY NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
                    model TEXT NOT NULL,
                    content_hash TEXT NOT NULL,
                    paper_modified_at REAL NOT NULL,
                    seq INTEGER NOT NULL,
                    vector BLOB NOT NULL CHECK (length(vector) % 4 = 0)
                ) WITHOUT ROWID;
                CREATE INDEX paper_embeddings_by_seq ON paper_embeddings(seq);
                -- The last sequence number handed out: never reused, even when the newest rows are deleted.
                CREATE TABLE embedding_sequence (id INTEGER PRIMARY KEY CHECK (id = 1), value INTEGER NOT NULL);
                INSERT INTO embedding_sequence (id, value) VALUES (1, 0);
                """)
        }
    }
}

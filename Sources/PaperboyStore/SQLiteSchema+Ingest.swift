import GRDB

extension SQLiteSchema {
    /// Migrations owned by arXiv ingestion (issue #5). Append-only, like the rest of the schema.
    static func registerIngest(_ m: inout DatabaseMigrator) {
        m.registerMigration("ingest-v1-harvest-positions") { db in
            // Where each resumable harvest stands, written in the same transaction as the page of papers it
            // follows: a killed harvest resumes after the last page that was stored, never half-way through one.
            try db.execute(sql: """
                CREATE TABLE harvest_positions (
                    key TEXT PRIMARY KEY NOT NULL CHECK (length(key) BETWEEN 1 AND 500),
                    resumption_token TEXT,
                    cursor INTEGER NOT NULL DEFAULT 0 CHECK (cursor >= 0),
                    pages INTEGER NOT NULL DEFAULT 0 CHECK (pages >= 0),
                    records INTEGER NOT NULL DEFAULT 0 CHECK (records >= 0),
                    completed INTEGER NOT NULL DEFAULT 0 CHECK (completed IN (0, 1)),
                    updated_at REAL NOT NULL DEFAULT (((julianday('now') - 2440587.5) * 86400.0)),
                    CHECK (completed = 0 OR resumption_token IS NULL)
                ) WITHOUT ROWID;
                """)
        }
    }
}

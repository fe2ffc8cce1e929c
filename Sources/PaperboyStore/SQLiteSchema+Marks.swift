import GRDB

extension SQLiteSchema {
    /// A reader's private marks on papers ("not interested", "read"), for recommendations. One row per mark; a
    /// removed paper or user takes its marks with it.
    static func registerMarks(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("recommend-v1-paper-marks") { db in
            try db.execute(sql: """
                CREATE TABLE paper_marks (
                    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    paper_id TEXT NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
                    kind TEXT NOT NULL CHECK (kind IN ('not_interested', 'read')),
                    created_at REAL NOT NULL,
                    PRIMARY KEY (user_id, kind, paper_id)
                ) WITHOUT ROWID;
                CREATE INDEX paper_marks_by_paper ON paper_marks(paper_id);
                """)
        }
    }
}

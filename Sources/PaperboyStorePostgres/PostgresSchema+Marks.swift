extension PostgresSchema {
    /// A reader's private marks on papers ("not interested", "read"), for recommendations (SQLite's
    /// `recommend-v1-paper-marks`).
    static let marks = PostgresMigration(version: 7, name: "paper-marks", statements: [
        """
        CREATE TABLE paper_marks (
            user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            paper_id text COLLATE "C" NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
            kind text NOT NULL CHECK (kind IN ('not_interested', 'read')),
            created_at double precision NOT NULL,
            PRIMARY KEY (user_id, kind, paper_id)
        )
        """,
        "CREATE INDEX paper_marks_by_paper ON paper_marks (paper_id)",
    ])
}

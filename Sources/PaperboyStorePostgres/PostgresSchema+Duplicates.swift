extension PostgresSchema {
    /// Aliases of `local-…` papers folded into their arXiv survivor (SQLite's `dedupe-v1-paper-aliases`), then the
    /// merge of duplicates stored before the rule (``PostgresPaperStore/mergeStoredDuplicates(in:)``, Swift: the
    /// key is a hash).
    static let duplicates = PostgresMigration(version: 8, name: "paper-aliases", statements: [
        """
        CREATE TABLE paper_aliases (
            alias_id text COLLATE "C" PRIMARY KEY CHECK (alias_id LIKE 'local-%'),
            paper_id text COLLATE "C" NOT NULL REFERENCES papers(id) ON DELETE CASCADE
        )
        """,
        "CREATE INDEX paper_aliases_by_paper ON paper_aliases (paper_id)",
    ], data: { session in try await PostgresPaperStore.mergeStoredDuplicates(in: session) })
}

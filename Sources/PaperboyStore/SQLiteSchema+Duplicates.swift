import GRDB

extension SQLiteSchema {
    /// Issue #17: a `local-…` paper folded into the arXiv paper it duplicates leaves an alias (`local-… → arXiv id`,
    /// removed with the survivor), so old links redirect and re-imports of the seed list land on the survivor. The
    /// migration then merges the duplicates an older import stored (``SQLitePaperStore/mergeStoredDuplicates(in:)``:
    /// Swift, because the key is a hash SQLite cannot compute; the moves themselves are SQL).
    static func registerDuplicates(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("dedupe-v1-paper-aliases") { db in
            try db.execute(sql: """
                CREATE TABLE paper_aliases (
                    alias_id TEXT PRIMARY KEY NOT NULL CHECK (alias_id LIKE 'local-%'),
                    paper_id TEXT NOT NULL REFERENCES papers(id) ON DELETE CASCADE
                ) WITHOUT ROWID;
                CREATE INDEX paper_aliases_by_paper ON paper_aliases(paper_id);
                """)
            try SQLitePaperStore.mergeStoredDuplicates(in: db)
        }
    }
}

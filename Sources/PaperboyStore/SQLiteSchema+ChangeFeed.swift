import GRDB

extension SQLiteSchema {
    /// The commit-ordered change feed of papers (`PaperStore.changes(after:limit:)`): one row per paper at its latest
    /// change. Triggers write it in the same transaction as the change itself, and SQLite has one writer at a time,
    /// so positions (AUTOINCREMENT: never reused) become visible in order — unlike the `modified_at` wall-clock
    /// cursor it replaces. (Delete-then-insert, not `INSERT OR REPLACE`: an outer upsert's conflict policy would
    /// override the trigger's.) A row whose paper is gone is a removal, so the feed replaces `paper_tombstones` too:
    /// existing papers and tombstones are entered in their old order (a follower rebuilding from zero sees
    /// everything), then the tombstones and their triggers are dropped.
    static func registerChangeFeed(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("feed-v1-commit-ordered-paper-changes") { db in
            try db.execute(sql: """
                CREATE TABLE paper_changes (
                    position INTEGER PRIMARY KEY AUTOINCREMENT,
                    paper_id TEXT NOT NULL UNIQUE
                );
                INSERT INTO paper_changes (paper_id)
                    SELECT cid FROM (
                        SELECT id AS cid, modified_at AS ctime FROM papers
                        UNION ALL
                        SELECT id, deleted_at FROM paper_tombstones
                    ) ORDER BY ctime, cid;
                CREATE TRIGGER paper_changes_insert AFTER INSERT ON papers BEGIN
                    DELETE FROM paper_changes WHERE paper_id = new.id;
                    INSERT INTO paper_changes (paper_id) VALUES (new.id);
                END;
                CREATE TRIGGER paper_changes_update AFTER UPDATE ON papers BEGIN
                    DELETE FROM paper_changes WHERE paper_id = new.id;
                    INSERT INTO paper_changes (paper_id) VALUES (new.id);
                END;
                CREATE TRIGGER paper_changes_delete AFTER DELETE ON papers BEGIN
                    DELETE FROM paper_changes WHERE paper_id = old.id;
                    INSERT INTO paper_changes (paper_id) VALUES (old.id);
                END;
                DROP TRIGGER papers_tombstone;
                DROP TRIGGER papers_untombstone;
                DROP TABLE paper_tombstones;
                """)
        }
    }
}

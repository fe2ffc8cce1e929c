import GRDB

/// The SQLite schema, as append-only migrations written in SQL (never with app types).
///
/// Add a new `registerMigration` at the end to change the schema; never edit one that has shipped.
enum SQLiteSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-papers-and-daily-entries") { db in
            try db.execute(sql: """
                CREATE TABLE papers (
                    id TEXT PRIMARY KEY NOT NULL CHECK (length(id) BETWEEN 1 AND 64),
                    version INTEGER CHECK (version IS NULL OR version >= 1),
                    title TEXT NOT NULL,
                    abstract TEXT NOT NULL DEFAULT '',
                    authors_json TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(authors_json)),
                    categories_json TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(categories_json)),
                    primary_category TEXT,
                    published_at REAL,
                    updated_at REAL,
                    comment TEXT,
                    journal_ref TEXT,
                    doi TEXT,
                    github_repo TEXT,
                    github_stars INTEGER,
                    project_page TEXT,
                    ai_summary TEXT,
                    ai_keywords_json TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(ai_keywords_json)),
                    author_count INTEGER CHECK (author_count IS NULL OR author_count >= 0),
                    thumbnail TEXT,
                    discussion_id TEXT,
                    organization_json TEXT CHECK (organization_json IS NULL OR json_valid(organization_json)),
                    imported_upvotes INTEGER NOT NULL DEFAULT 0 CHECK (imported_upvotes >= 0),
                    local_upvotes INTEGER NOT NULL DEFAULT 0 CHECK (local_upvotes >= 0),
                    imported_comments INTEGER NOT NULL DEFAULT 0 CHECK (imported_comments >= 0),
                    local_comments INTEGER NOT NULL DEFAULT 0 CHECK (local_comments >= 0),
                    source TEXT NOT NULL,
                    source_updated_at REAL,
                    community_updated_at REAL,
                    created_at REAL NOT NULL DEFAULT (((julianday('now') - 2440587.5) * 86400.0)),
                    modified_at REAL NOT NULL DEFAULT (((julianday('now') - 2440587.5) * 86400.0))
                );
                CREATE INDEX papers_primary_category ON papers(primary_category);
                CREATE INDEX papers_published_at ON papers(published_at);
                CREATE INDEX papers_changes ON papers(modified_at, id);

                CREATE TABLE paper_authors (
                    paper_id TEXT NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL CHECK (position >= 0),
                    name TEXT NOT NULL,
                    normalized_name TEXT NOT NULL,
                    PRIMARY KEY (paper_id, position)
                ) WITHOUT ROWID;
                CREATE INDEX paper_authors_by_name ON paper_authors(normalized_name);

                CREATE TABLE daily_entries (
                    day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
                    paper_id TEXT NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL CHECK (position >= 0),
                    submitter_username TEXT,
                    submitter_fullname TEXT,
                    submitter_avatar TEXT,
                    submitted_at REAL,
                    title TEXT,
                    PRIMARY KEY (day, paper_id)
                ) WITHOUT ROWID;
                CREATE INDEX daily_entries_by_paper ON daily_entries(paper_id);
                CREATE INDEX daily_entries_by_submitter ON daily_entries(submitter_username, day);
                """)
        }
        migrator.registerMigration("v2-paper-tombstones") { db in
            // Removed papers leave a tombstone so derived data (the search index) can forget them too.
            try db.execute(sql: """
                CREATE TABLE paper_tombstones (
                    id TEXT PRIMARY KEY NOT NULL,
                    deleted_at REAL NOT NULL
                ) WITHOUT ROWID;
                CREATE INDEX paper_tombstones_by_time ON paper_tombstones(deleted_at, id);
                CREATE TRIGGER papers_tombstone AFTER DELETE ON papers BEGIN
                    INSERT OR REPLACE INTO paper_tombstones (id, deleted_at)
                    VALUES (old.id, (julianday('now') - 2440587.5) * 86400.0);
                END;
                CREATE TRIGGER papers_untombstone AFTER INSERT ON papers BEGIN
                    DELETE FROM paper_tombstones WHERE id = new.id;
                END;
                """)
        }
        migrator.registerMigration("v3-feed-order-index") { db in
            // Lets `ORDER BY day DESC, position, paper_id LIMIT n` walk an index instead of sorting every entry.
            try db.execute(sql: "CREATE INDEX daily_entries_feed_order ON daily_entries(day DESC, position, paper_id)")
        }
        registerEmbeddings(&migrator)
        registerDelivery(&migrator)
        registerIngest(&migrator)
        registerCommunity(&migrator)
        registerFollows(&migrator)
        registerDigestLeases(&migrator)
        registerChangeFeed(&migrator)
        registerMarks(&migrator)
        registerDuplicates(&migrator)
        registerCatalog(&migrator)
        return migrator
    }
}

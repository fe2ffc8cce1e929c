/// The PostgreSQL schema as numbered, append-only migrations written in SQL (never with app types), mirroring the
/// SQLite schema's final shape. Add a new version at the end of ``migrations``; never edit a shipped one.
///
/// Ids, e-mails and other text that is ordered use `COLLATE "C"` (byte order, as SQLite and Swift's `<` order
/// them), whatever the database's default collation.
///
/// Times are `double precision` seconds since 1970, as in SQLite: values round-trip exactly through `Date`
/// (a `timestamptz` keeps microseconds only, and the contract suites compare stored values for equality).
enum PostgresSchema {
    static let migrations: [PostgresMigration] = [papers, changeFeed, community, delivery, embeddings, harvest, marks, duplicates, catalog]

    /// `extract(epoch …)` as a double: the default and the "touch" time of rows.
    static let nowSQL = "extract(epoch FROM clock_timestamp())::double precision"

    static let papers = PostgresMigration(version: 1, name: "papers-and-daily-entries", statements: [
        """
        CREATE TABLE papers (
            id text COLLATE "C" PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64),
            version integer CHECK (version IS NULL OR version >= 1),
            title text NOT NULL,
            abstract text NOT NULL DEFAULT '',
            authors_json text NOT NULL DEFAULT '[]',
            categories_json text NOT NULL DEFAULT '[]',
            primary_category text,
            published_at double precision,
            updated_at double precision,
            comment text,
            journal_ref text,
            doi text,
            github_repo text,
            github_stars bigint,
            project_page text,
            ai_summary text,
            ai_keywords_json text NOT NULL DEFAULT '[]',
            author_count bigint CHECK (author_count IS NULL OR author_count >= 0),
            thumbnail text,
            discussion_id text,
            organization_json text,
            imported_upvotes bigint NOT NULL DEFAULT 0 CHECK (imported_upvotes >= 0),
            local_upvotes bigint NOT NULL DEFAULT 0 CHECK (local_upvotes >= 0),
            imported_comments bigint NOT NULL DEFAULT 0 CHECK (imported_comments >= 0),
            local_comments bigint NOT NULL DEFAULT 0 CHECK (local_comments >= 0),
            source text NOT NULL,
            source_updated_at double precision,
            community_updated_at double precision,
            created_at double precision NOT NULL DEFAULT \(nowSQL),
            modified_at double precision NOT NULL DEFAULT \(nowSQL)
        )
        """,
        "CREATE INDEX papers_primary_category ON papers (primary_category)",
        "CREATE INDEX papers_published_at ON papers (published_at)",
        """
        CREATE TABLE paper_authors (
            paper_id text NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
            position integer NOT NULL CHECK (position >= 0),
            name text NOT NULL,
            normalized_name text NOT NULL,
            PRIMARY KEY (paper_id, position)
        )
        """,
        "CREATE INDEX paper_authors_by_name ON paper_authors (normalized_name)",
        """
        CREATE TABLE daily_entries (
            day text NOT NULL CHECK (day ~ '^[0-9]{4}-[0-1][0-9]-[0-3][0-9]$'),
            paper_id text COLLATE "C" NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
            position bigint NOT NULL CHECK (position >= 0),
            submitter_username text,
            submitter_fullname text,
            submitter_avatar text,
            submitted_at double precision,
            title text,
            PRIMARY KEY (day, paper_id)
        )
        """,
        "CREATE INDEX daily_entries_by_paper ON daily_entries (paper_id)",
        "CREATE INDEX daily_entries_by_submitter ON daily_entries (submitter_username, day)",
        "CREATE INDEX daily_entries_feed_order ON daily_entries (day DESC, position, paper_id)",
    ])

    /// The advisory lock key that orders change-feed positions (`'paperboy'` in ASCII, low byte 2).
    static let feedLockKey: Int64 = 0x7061_7065_7262_6f02

    /// The commit-ordered change feed (SCALE-OUT.md): one row per paper at its latest change. A deferred constraint
    /// trigger runs at COMMIT, takes `pg_advisory_xact_lock(feed key)` and only then draws `nextval`, so a position is
    /// drawn and committed while no other transaction can draw one: positions become visible in order. (A sequence
    /// drawn at insert is not: a later value can commit first.) A row whose paper is gone is a removal.
    static let changeFeed = PostgresMigration(version: 2, name: "commit-ordered-paper-changes", statements: [
        "CREATE SEQUENCE paper_feed_position",
        """
        CREATE TABLE paper_changes (
            paper_id text PRIMARY KEY,
            position bigint NOT NULL UNIQUE
        )
        """,
        """
        CREATE FUNCTION paper_feed_record() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
            changed text;
        BEGIN
            IF TG_OP = 'DELETE' THEN changed := OLD.id; ELSE changed := NEW.id; END IF;
            PERFORM pg_advisory_xact_lock(\(feedLockKey));
            INSERT INTO paper_changes (paper_id, position) VALUES (changed, nextval('paper_feed_position'))
                ON CONFLICT (paper_id) DO UPDATE SET position = excluded.position;
            RETURN NULL;
        END
        $$
        """,
        """
        CREATE CONSTRAINT TRIGGER paper_feed AFTER INSERT OR UPDATE OR DELETE ON papers
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION paper_feed_record()
        """,
    ])
}

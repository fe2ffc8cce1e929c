import GRDB

extension SQLiteSchema {
    /// Accounts, sessions, votes, comments, collections, author claims and API tokens (issue #6).
    /// Append-only like the rest: add `community-v2-…` below, never edit a shipped one.
    static func registerCommunity(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("community-v1-accounts-and-community") { db in
            try db.execute(sql: """
                CREATE TABLE users (
                    id INTEGER PRIMARY KEY,
                    username TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(username) BETWEEN 2 AND 32),
                    email TEXT NOT NULL UNIQUE CHECK (email = lower(email) AND instr(email, '@') > 1),
                    password_hash TEXT NOT NULL CHECK (length(password_hash) > 0),
                    is_moderator INTEGER NOT NULL DEFAULT 0 CHECK (is_moderator IN (0, 1)),
                    created_at REAL NOT NULL
                );

                -- Server-side session records (hummingbird-auth's PersistDriver contract): key → JSON value.
                CREATE TABLE sessions (
                    key TEXT PRIMARY KEY NOT NULL,
                    value BLOB NOT NULL,
                    expires_at REAL
                ) WITHOUT ROWID;
                CREATE INDEX sessions_by_expiry ON sessions(expires_at);

                -- Failed sign-ins, keyed 'account:<name>' and 'ip:<address>', for throttling.
                CREATE TABLE login_failures (
                    key TEXT NOT NULL,
                    at REAL NOT NULL
                );
                CREATE INDEX login_failures_by_key ON login_failures(key, at);

                CREATE TABLE votes (
                    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    paper_id TEXT NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
                    created_at REAL NOT NULL,
                    PRIMARY KEY (user_id, paper_id)
                ) WITHOUT ROWID;
                CREATE INDEX votes_by_paper ON votes(paper_id);

                CREATE TABLE comments (
                    id INTEGER PRIMARY KEY,
                    paper_id TEXT NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
                    parent_id INTEGER REFERENCES comments(id) ON DELETE CASCADE,
                    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    body TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
                    created_at REAL NOT NULL,
                    edited_at REAL,
                    hidden INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1))
                );
                CREATE INDEX comments_by_paper ON comments(paper_id, created_at);
                CREATE INDEX comments_by_user ON comments(user_id, created_at);
                CREATE INDEX comments_by_parent ON comments(parent_id);

                CREATE TABLE collections (
                    id INTEGER PRIMARY KEY,
                    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    slug TEXT NOT NULL CHECK (length(slug) BETWEEN 1 AND 80),
                    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
                    description TEXT NOT NULL DEFAULT '',
                    is_public INTEGER NOT NULL CHECK (is_public IN (0, 1)),
                    created_at REAL NOT NULL,
                    UNIQUE (user_id, slug)
                );
                CREATE TABLE collection_papers (
                    collection_id INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
                    paper_id TEXT NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
                    added_at REAL NOT NULL,
                    PRIMARY KEY (collection_id, paper_id)
                ) WITHOUT ROWID;

                CREATE TABLE author_claims (
                    id INTEGER PRIMARY KEY,
                    paper_id TEXT NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
                    author_name TEXT NOT NULL,
                    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
                    created_at REAL NOT NULL,
                    decided_at REAL,
                    UNIQUE (paper_id, user_id)
                );
                CREATE INDEX author_claims_by_status ON author_claims(status, created_at);

                CREATE TABLE api_tokens (
                    id INTEGER PRIMARY KEY,
                    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    label TEXT NOT NULL,
                    token_hash BLOB NOT NULL UNIQUE CHECK (length(token_hash) = 32),
                    created_at REAL NOT NULL,
                    last_used_at REAL
                );
                CREATE INDEX api_tokens_by_user ON api_tokens(user_id);
                """)
        }
    }
}

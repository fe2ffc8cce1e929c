import GRDB

extension SQLiteSchema {
    /// Digest subscriptions, the send ledger (one row per subscriber and period: exactly-once sending), the dev
    /// outbox, single-use tokens and generated settings (the signing secret when none is configured).
    static func registerDelivery(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("delivery-v1-subscribers-ledger-outbox") { db in
            try db.execute(sql: """
                CREATE TABLE subscribers (
                    email TEXT PRIMARY KEY NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
                    frequency TEXT NOT NULL CHECK (frequency IN ('daily', 'weekly')),
                    status TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'unsubscribed', 'bounced')),
                    nonce TEXT NOT NULL,
                    permanent_failures INTEGER NOT NULL DEFAULT 0 CHECK (permanent_failures >= 0),
                    created_at REAL NOT NULL,
                    confirmed_at REAL,
                    updated_at REAL NOT NULL
                ) WITHOUT ROWID;
                CREATE INDEX subscribers_by_status ON subscribers(status, frequency);

                CREATE TABLE digest_sends (
                    email TEXT NOT NULL,
                    period TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('sending', 'sent', 'failed', 'abandoned')),
                    attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
                    last_error TEXT,
                    message_id TEXT,
                    next_attempt_at REAL,
                    updated_at REAL NOT NULL,
                    PRIMARY KEY (email, period)
                ) WITHOUT ROWID;
                CREATE INDEX digest_sends_by_period ON digest_sends(period, status);

                CREATE TABLE outbox (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    created_at REAL NOT NULL,
                    recipients TEXT NOT NULL,
                    subject TEXT NOT NULL,
                    text_body TEXT,
                    html_body TEXT,
                    headers_json TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(headers_json)),
                    message_id TEXT NOT NULL
                );

                CREATE TABLE used_tokens (
                    digest TEXT PRIMARY KEY NOT NULL,
                    used_at REAL NOT NULL
                ) WITHOUT ROWID;

                CREATE TABLE app_settings (
                    key TEXT PRIMARY KEY NOT NULL,
                    value TEXT NOT NULL
                ) WITHOUT ROWID;
                """)
        }
    }
}

extension SQLiteSchema {
    /// What signed-in subscribers follow for their digests (after the community migration: it references users).
    static func registerFollows(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("delivery-v2-follows") { db in
            try db.execute(sql: """
                CREATE TABLE follows (
                    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    kind TEXT NOT NULL CHECK (kind IN ('author', 'category', 'search')),
                    value TEXT NOT NULL CHECK (length(value) BETWEEN 1 AND 200),
                    created_at REAL NOT NULL,
                    PRIMARY KEY (user_id, kind, value)
                ) WITHOUT ROWID;
                """)
        }
    }
}

extension SQLiteSchema {
    /// Digest claims carry a lease: the sender run that holds a `sending` row and until when. Rows from before
    /// (no lease) count as expired.
    static func registerDigestLeases(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("delivery-v3-digest-leases") { db in
            try db.execute(sql: """
                ALTER TABLE digest_sends ADD COLUMN lease_owner TEXT;
                ALTER TABLE digest_sends ADD COLUMN lease_expires_at REAL;
                """)
        }
    }
}

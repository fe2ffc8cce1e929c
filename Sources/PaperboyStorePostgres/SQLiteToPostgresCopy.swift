import Foundation
import GRDB
import PaperboyCore
import PaperboyStore
import PostgresNIO

/// `paperboy db copy`: every aggregate of an SQLite database into a PostgreSQL one — papers, their authors, daily
/// entries, users, tokens, sessions, sign-in failures, votes, comments, collections, claims, follows, subscribers,
/// the digest ledger, the outbox, used tokens, settings, harvest positions and embeddings.
///
/// The two schemas have the same tables and columns (the backends pass one contract suite), so the copy is table by
/// table in foreign-key order, a batch of rows per transaction, each row converted to its PostgreSQL column's type.
/// Rows go in with `ON CONFLICT DO NOTHING`: running it again copies nothing, and a row the target already has
/// keeps the target's version. Identity sequences and the embedding sequence are moved past the copied values.
/// The change feed is not copied: the target's trigger gives every copied paper a fresh position. At the end the
/// target must hold at least as many rows of each table as the source (``Report/verified``).
public struct SQLiteToPostgresCopy: Sendable {
    public struct TableReport: Sendable, Equatable {
        public let table: String
        /// Rows in the source, rows inserted by this run, rows in the target afterwards.
        public let source: Int, copied: Int, target: Int
        public var verified: Bool { target >= source }
    }

    /// One table of the copy: its name and the columns that order it (its primary key, so pages are stable).
    struct Table: Sendable {
        let name: String
        let order: String
        /// Tables without a key cannot be copied idempotently row by row: they are copied only into an empty table.
        var keyless = false
    }

    /// Foreign-key order: parents before children; comments by id (a reply's parent has a smaller id).
    static let tables: [Table] = [
        Table(name: "users", order: "id"), Table(name: "papers", order: "id"),
        Table(name: "paper_authors", order: "paper_id, position"), Table(name: "daily_entries", order: "day, paper_id"),
        Table(name: "api_tokens", order: "id"), Table(name: "sessions", order: "key"),
        Table(name: "login_failures", order: "key, at", keyless: true), Table(name: "votes", order: "user_id, paper_id"),
        Table(name: "comments", order: "id"), Table(name: "collections", order: "id"),
        Table(name: "collection_papers", order: "collection_id, paper_id"), Table(name: "author_claims", order: "id"),
        Table(name: "follows", order: "user_id, kind, value"), Table(name: "subscribers", order: "email"),
        Table(name: "digest_sends", order: "email, period"), Table(name: "outbox", order: "id"),
        Table(name: "used_tokens", order: "digest"), Table(name: "app_settings", order: "key"),
        Table(name: "harvest_positions", order: "key"), Table(name: "paper_embeddings", order: "paper_id"),
        Table(name: "paper_marks", order: "user_id, kind, paper_id"), Table(name: "paper_aliases", order: "alias_id"),
    ]

    /// Tables whose `id` is an identity column: their sequences are set past the copied ids.
    static let identityTables = ["users", "api_tokens", "comments", "collections", "author_claims", "outbox"]

    let source: SQLiteDatabase
    let target: PostgresDatabase
    let batchSize: Int

    public init(source: SQLiteDatabase, target: PostgresDatabase, batchSize: Int = 500) {
        self.source = source
        self.target = target
        self.batchSize = max(1, batchSize)
    }

    /// Copies every table; `progress(table, done, total)` after each batch. Returns one report per table, in order.
    public func run(progress: @Sendable (String, Int, Int) -> Void = { _, _, _ in }) async throws -> [TableReport] {
        var reports: [TableReport] = []
        for table in Self.tables {
            reports.append(try await copy(table, progress: progress))
        }
        try await finishSequences()
        return reports
    }

    func copy(_ table: Table, progress: @Sendable (String, Int, Int) -> Void) async throws -> TableReport {
        let name = table.name
        let total = try await source.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(name)") ?? 0 }
        let types = try await columnTypes(name)
        let before = try await targetCount(name)
        var copied = 0, done = 0
        if !(table.keyless && before > 0) {
            while done < total {
                let (columns, rows) = try await page(table, offset: done)
                if rows.isEmpty { break }
                copied += try await insert(name, columns: columns, types: types, rows: rows)
                done += rows.count
                progress(name, done, total)
            }
        }
        if total == 0 { progress(name, 0, 0) }
        return TableReport(table: name, source: total, copied: copied, target: try await targetCount(name))
    }

    /// One page of the source table, in key order: its column names and rows.
    func page(_ table: Table, offset: Int) async throws -> ([String], [[Cell]]) {
        let limit = batchSize
        return try await source.writer.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM \(table.name) ORDER BY \(table.order) LIMIT ? OFFSET ?",
                                        arguments: [limit, offset])
            let columns = rows.first.map { Array($0.columnNames) } ?? []
            return (columns, rows.map { row in row.databaseValues.map(Cell.init) })
        }
    }

    /// The PostgreSQL type of each column of `table` (`information_schema`'s `udt_name`: `int8`, `float8`, `bool` …).
    func columnTypes(_ table: String) async throws -> [String: String] {
        try await target.session("read the columns of \(table)") { s in
            var types: [String: String] = [:]
            for row in try await s.rows("""
                SELECT column_name::text AS name, udt_name::text AS type FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = \(table)
                """) {
                types[try row.get("name", as: String.self)] = try row.get("type", as: String.self)
            }
            guard !types.isEmpty else {
                throw PaperboyError(.storage, "The PostgreSQL database has no table \(table): is it migrated?")
            }
            return types
        }
    }

    func targetCount(_ table: String) async throws -> Int {
        try await target.session("count the rows of \(table)") { s in
            try await s.value(Int.self, PostgresQuery(unsafeSQL: "SELECT count(*)::bigint FROM \(table)")) ?? 0
        }
    }

    /// Inserts `rows` in one transaction; returns how many were new.
    func insert(_ table: String, columns: [String], types: [String: String], rows: [[Cell]]) async throws -> Int {
        let known = columns.enumerated().filter { types[$0.element] != nil }
        var binds = PostgresBindings(capacity: rows.count * known.count)
        var tuples: [String] = []
        tuples.reserveCapacity(rows.count)
        var n = 0
        for row in rows {
            var placeholders: [String] = []
            for (index, column) in known {
                let type = types[column] ?? "text"
                n += 1
                placeholders.append("$\(n)::\(type)")
                try row[index].bind(as: type, into: &binds, column: "\(table).\(column)")
            }
            tuples.append("(" + placeholders.joined(separator: ", ") + ")")
        }
        let sql = "INSERT INTO \(table) (\(known.map(\.element).joined(separator: ", "))) VALUES "
            + tuples.joined(separator: ", ") + " ON CONFLICT DO NOTHING RETURNING 1"
        return try await target.transaction("copy rows into \(table)") { s in
            try await s.execute(PostgresQuery(unsafeSQL: sql, binds: binds))
        }
    }

    /// Identity sequences past the largest copied id; the embedding sequence past every copied `seq`.
    func finishSequences() async throws {
        let sourceSequence = try await source.writer.read { db in
            try Int64.fetchOne(db, sql: "SELECT value FROM embedding_sequence WHERE id = 1") ?? 0
        }
        try await target.transaction("move the sequences past the copied rows") { s in
            for table in Self.identityTables {
                try await s.execute(PostgresQuery(unsafeSQL: """
                    SELECT setval(pg_get_serial_sequence('\(table)', 'id'), max(id)) FROM \(table) HAVING max(id) IS NOT NULL
                    """))
            }
            try await s.execute("""
                INSERT INTO embedding_sequence (id, value)
                SELECT 1, GREATEST(\(sourceSequence), COALESCE((SELECT max(seq) FROM paper_embeddings), 0))
                ON CONFLICT (id) DO UPDATE SET value = GREATEST(embedding_sequence.value, EXCLUDED.value)
                """)
        }
    }
}

/// One SQLite value, read out of GRDB's row so it can cross to PostgreSQL.
enum Cell: Sendable {
    case null, integer(Int64), real(Double), text(String), blob(Data)

    init(_ value: DatabaseValue) {
        switch value.storage {
        case .null: self = .null
        case .int64(let v): self = .integer(v)
        case .double(let v): self = .real(v)
        case .string(let v): self = .text(v)
        case .blob(let v): self = .blob(v)
        }
    }

    /// Appends the value as the PostgreSQL type `type` (a `udt_name`); `invalid_input` when it cannot be one.
    func bind(as type: String, into binds: inout PostgresBindings, column: String) throws {
        func bad() -> PaperboyError {
            PaperboyError(.invalidInput, "Cannot copy \(column): the SQLite value \(self) is not a PostgreSQL \(type).")
        }
        switch (self, type) {
        case (.null, _): binds.appendNull()
        case (.integer(let v), "bool"): binds.append(v != 0)
        case (.integer(let v), "int2"), (.integer(let v), "int4"), (.integer(let v), "int8"): binds.append(v)
        case (.real(let v), "int2"), (.real(let v), "int4"), (.real(let v), "int8"):
            guard v.rounded() == v, let exact = Int64(exactly: v) else { throw bad() }
            binds.append(exact)
        case (.integer(let v), "float4"), (.integer(let v), "float8"): binds.append(Double(v))
        case (.real(let v), "float4"), (.real(let v), "float8"): binds.append(v)
        case (.blob(let v), "bytea"): try binds.append(v)
        case (.text(let v), "bytea"): try binds.append(Data(v.utf8))
        case (.text(let v), _): binds.append(v)
        case (.integer(let v), _): binds.append(String(v))
        case (.real(let v), _): binds.append(String(v))
        case (.blob(let v), _):
            guard let text = String(data: v, encoding: .utf8) else { throw bad() }
            binds.append(text)
        }
    }
}

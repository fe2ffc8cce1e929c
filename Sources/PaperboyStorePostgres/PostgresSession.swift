import Logging
import PostgresNIO

/// One leased connection (inside or outside a transaction) with the few ways the stores use it. Rows are read
/// completely and by column name.
struct PostgresSession {
    let connection: PostgresConnection
    let logger: Logger

    /// Every row of `query`.
    func rows(_ query: PostgresQuery) async throws -> [PostgresRandomAccessRow] {
        var out: [PostgresRandomAccessRow] = []
        for try await row in try await connection.query(query, logger: logger) {
            out.append(row.makeRandomAccess())
        }
        return out
    }

    /// The first row of `query`, if any.
    func first(_ query: PostgresQuery) async throws -> PostgresRandomAccessRow? {
        try await rows(query).first
    }

    /// The first column of the first row, decoded; `nil` when there is no row (or the value is NULL).
    func value<T: PostgresDecodable>(_ type: T.Type, _ query: PostgresQuery) async throws -> T? {
        guard let row = try await first(query), row[0].bytes != nil else { return nil }
        return try row[0].decode(T.self)
    }

    /// Runs a statement and drops its rows; returns how many rows it returned (use `RETURNING` to count writes,
    /// postgres-nio reports no affected-row count).
    @discardableResult
    func execute(_ query: PostgresQuery) async throws -> Int {
        var n = 0
        for try await _ in try await connection.query(query, logger: logger) { n += 1 }
        return n
    }
}

extension PostgresRandomAccessRow {
    /// The column `name`, decoded.
    func get<T: PostgresDecodable>(_ name: String, as type: T.Type = T.self) throws -> T {
        try self[name].decode(T.self)
    }

    /// Whether the row has a column `name`.
    func has(_ name: String) -> Bool { contains(name) }
}

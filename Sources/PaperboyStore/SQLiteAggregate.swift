import Foundation
import GRDB
import PaperboyCore

/// What every SQLite store has in common: the shared ``SQLiteDatabase`` and the one way errors become
/// ``PaperboyError``s.
protocol SQLiteAggregate: Sendable {
    var database: SQLiteDatabase { get }
}

extension SQLiteAggregate {
    var writer: any DatabaseWriter { database.writer }

    /// Runs `body`, turning anything that is not already a ``PaperboyError`` into a storage error.
    func storage<T>(_ what: String, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as PaperboyError {
            throw error
        } catch {
            throw PaperboyError(.storage, "Could not \(what).", cause: error)
        }
    }

    /// One write transaction; a constraint violation is a `conflict`, anything else a storage error.
    func write<T: Sendable>(_ what: String, _ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await writer.write(body)
        } catch let error as PaperboyError {
            throw error
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw PaperboyError(.conflict, "Could not \(what): it conflicts with stored data.", cause: error)
        } catch {
            throw PaperboyError(.storage, "Could not \(what).", cause: error)
        }
    }

    /// One read; errors become storage errors.
    func read<T: Sendable>(_ what: String, _ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await writer.read(body)
        } catch let error as PaperboyError {
            throw error
        } catch {
            throw PaperboyError(.storage, "Could not \(what).", cause: error)
        }
    }
}

import Foundation
import PaperboyCore
import PaperboyStore
import PostgresNIO

/// ``CommunityStore`` on a ``PostgresDatabase``: votes and comments (`+Discussion`), submissions, collections and
/// claims (`+Curation`).
///
/// A change to a paper's votes or comments first locks the paper's row (`SELECT … FOR UPDATE`), then changes the
/// row and its count in the same transaction: concurrent votes and comments — from any number of instances —
/// queue on that lock, so counts stay exact (the recount runs after the lock, and sees every earlier commit).
public struct PostgresCommunityStore: CommunityStore {
    let database: PostgresDatabase

    public init(database: PostgresDatabase) {
        self.database = database
    }

    /// `notFound` unless the paper exists; with `lock`, holds its row lock to the end of the transaction.
    static func requirePaper(_ id: PaperID, lock: Bool = false, _ s: PostgresSession) async throws {
        let found = try await s.first(lock ? "SELECT 1 FROM papers WHERE id = \(id.rawValue) FOR UPDATE"
                                           : "SELECT 1 FROM papers WHERE id = \(id.rawValue)")
        guard found != nil else { throw PaperboyError.notFound("Paper \(id) is not on this site.") }
    }
}

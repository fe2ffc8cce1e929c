import Foundation
import GRDB
import PaperboyCore

/// The product's ``CommunityStore`` on a ``SQLiteDatabase``: votes and comments
/// (`SQLiteCommunityStore+Discussion.swift`), submissions, collections and claims
/// (`SQLiteCommunityStore+Curation.swift`).
///
/// Each change is one write transaction; GRDB serialises writers, so a vote and its count update can never
/// interleave with another vote's.
public struct SQLiteCommunityStore: CommunityStore, SQLiteAggregate {
    let database: SQLiteDatabase

    public init(database: SQLiteDatabase) {
        self.database = database
    }
}

import Foundation
import PaperboyCore

/// Every store of one database, one narrow protocol per aggregate: the seam a storage backend implements.
///
/// ``sqlite(path:)`` opens the product's backend: one ``SQLiteDatabase`` shared by all seven SQLite stores.
public struct Stores: Sendable {
    /// Papers, daily entries, feeds and the change stream.
    public var papers: any PaperStore
    /// Votes, comments, submissions, collections, author claims.
    public var community: any CommunityStore
    /// Users, credentials, sign-in failures, session records, API tokens.
    public var accounts: any AccountStore
    /// Subscribers, the digest ledger, the dev outbox, used tokens, follows.
    public var delivery: any DeliveryStore
    /// Papers' dense vectors.
    public var embeddings: any EmbeddingStore
    /// Resumable harvest positions, written with their page of papers.
    public var harvest: any HarvestLedger
    /// Generated settings (insert-if-absent).
    public var settings: any SettingsStore

    public init(papers: any PaperStore, community: any CommunityStore, accounts: any AccountStore,
                delivery: any DeliveryStore, embeddings: any EmbeddingStore, harvest: any HarvestLedger,
                settings: any SettingsStore) {
        self.papers = papers
        self.community = community
        self.accounts = accounts
        self.delivery = delivery
        self.embeddings = embeddings
        self.harvest = harvest
        self.settings = settings
    }
}

extension Stores {
    /// The SQLite stores of the database at `path` (created and migrated if needed).
    public static func sqlite(path: String) throws -> Stores {
        sqlite(try SQLiteDatabase(path: path))
    }

    /// The SQLite stores of an open database; they share its writer.
    public static func sqlite(_ database: SQLiteDatabase) -> Stores {
        Stores(papers: SQLitePaperStore(database: database), community: SQLiteCommunityStore(database: database),
               accounts: SQLiteAccountStore(database: database), delivery: SQLiteDeliveryStore(database: database),
               embeddings: SQLiteEmbeddingStore(database: database), harvest: SQLiteHarvestLedger(database: database),
               settings: SQLiteSettingsStore(database: database))
    }
}

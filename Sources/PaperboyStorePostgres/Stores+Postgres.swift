import Foundation
import Logging
import PaperboyCore
import PaperboyStore

extension Stores {
    /// The PostgreSQL stores of one open database; they share its pool. The pool must be running (the database is a
    /// `Service` in the application's group, or ``PostgresDatabase/startInBackground()``) and migrated.
    public static func postgres(_ database: PostgresDatabase) -> Stores {
        Stores(papers: PostgresPaperStore(database: database), community: PostgresCommunityStore(database: database),
               accounts: PostgresAccountStore(database: database), delivery: PostgresDeliveryStore(database: database),
               embeddings: PostgresEmbeddingStore(database: database), harvest: PostgresHarvestLedger(database: database),
               settings: PostgresSettingsStore(database: database))
    }

    /// Opens the database at `url` (`postgres://user[:password]@host:port/database`) for a CLI command or a test:
    /// starts its pool in a background task and migrates it. `invalidInput` for a bad URL, `storage` when the server
    /// cannot be reached within `connectTimeout` or cannot be migrated (see ``PostgresDatabase/open(url:maximumConnections:connectTimeout:logger:)``).
    public static func postgres(url: String, maximumConnections: Int = 10, connectTimeout: Duration = .seconds(10),
                                logger: Logger = Logger(label: "paperboy.postgres")) async throws -> (Stores, PostgresDatabase) {
        let (database, _) = try await PostgresDatabase.open(url: url, maximumConnections: maximumConnections,
                                                            connectTimeout: connectTimeout, logger: logger)
        return (postgres(database), database)
    }
}

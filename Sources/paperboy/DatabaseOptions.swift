import ArgumentParser
import Foundation
import Logging
import PaperboyCatalog
import PaperboyCore
import PaperboyStore
import PaperboyConfig
import PaperboyEmbedding
import PaperboyWeb

/// The `--database` option every subcommand that touches storage shares: an SQLite file or a PostgreSQL URL.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "SQLite database file (created if missing) or postgres://user[:password]@host[:port]/db.",
        discussion: "Defaults to $PAPERBOY_DATABASE_URL, else $PAPERBOY_DATABASE, else ./paperboy.sqlite.",
        valueName: "path|url"))
    var database: String?

    /// `--database`, else `$PAPERBOY_DATABASE_URL`, else `$PAPERBOY_DATABASE`, else `paperboy.sqlite` (through
    /// PaperboyConfig's `SettingsReader`).
    var path: String {
        get throws {
            let reader = SettingsReader(commandLine: database.map { [.database: .string($0)] } ?? [:])
            do {
                return try AppConfiguration.databasePath(reader)
            } catch let error as PaperboyError {
                throw ValidationError(error.message)
            }
        }
    }

    /// Whether the database is a PostgreSQL server.
    var isPostgres: Bool { AppConfiguration.isPostgres((try? path) ?? "") }

    /// The database, opened and migrated (a PostgreSQL server must answer within 10 s).
    func open() async throws -> SiteDatabase {
        var logger = Logger(label: "paperboy.database")
        logger.logLevel = .warning
        return try await SiteDatabase.open(try path, connectTimeout: .seconds(10), logger: logger)
    }

    /// The stores of the database (opened and migrated).
    func openStores() async throws -> Stores {
        try await open().stores
    }

    /// The search index directory: `<database>.search/` beside an SQLite file; `nil` for PostgreSQL, whose index
    /// each server keeps itself (`serve --index-dir`): a command on PostgreSQL builds one in memory when it searches.
    var searchDirectory: URL? {
        (try? path).flatMap { AppConfiguration.searchDirectory(database: $0, indexDirectory: nil) }
    }

    /// Opens the search catalog for `stores`, catching up with changes since it was last saved. With an
    /// `embedder` it also serves semantic and hybrid search over the stored vectors.
    func openCatalog(_ stores: Stores, embedder: (any TextEmbedder)? = nil) async throws -> SearchCatalog {
        try await SearchCatalog.open(store: stores.papers, embeddings: stores.embeddings, directory: searchDirectory,
                                     embedder: embedder)
    }

    /// Brings the index beside an SQLite database up to date after a command wrote papers. On PostgreSQL there is
    /// none to update: every server follows the change feed into its own index.
    func updateIndex(_ stores: Stores) async throws {
        guard !isPostgres else { return }
        _ = try await openCatalog(stores)
    }
}

/// The MiniLM files' location: `$PAPERBOY_MODEL_DIR`, else the cache folder (see `AppConfiguration.model`).
func configuredModel() -> ModelLocation {
    AppConfiguration.model(SettingsReader())
}

import ArgumentParser
import Foundation
import PaperboyCatalog
import PaperboyStore
import PaperboyConfig
import PaperboyEmbedding

/// The `--database` option every subcommand that touches storage shares.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "SQLite database file (created if missing).",
        discussion: "Defaults to $PAPERBOY_DATABASE, else ./paperboy.sqlite.", valueName: "path"))
    var database: String?

    /// `--database`, else `$PAPERBOY_DATABASE`, else `paperboy.sqlite` (through PaperboyConfig's `SettingsReader`).
    var path: String {
        let reader = SettingsReader(commandLine: database.map { [.database: .string($0)] } ?? [:])
        return (try? AppConfiguration.databasePath(reader)) ?? database ?? "paperboy.sqlite"
    }

    /// The stores of the database (one SQLite file, opened and migrated).
    func openStores() throws -> Stores {
        try Stores.sqlite(path: path)
    }

    /// The search index directory beside the database: `<database>.search/`.
    var searchDirectory: URL { URL(fileURLWithPath: path + ".search") }

    /// Opens the search catalog for `stores`, catching up with changes since it was last saved. With an
    /// `embedder` it also serves semantic and hybrid search over the stored vectors.
    func openCatalog(_ stores: Stores, embedder: (any TextEmbedder)? = nil) async throws -> SearchCatalog {
        try await SearchCatalog.open(store: stores.papers, embeddings: stores.embeddings, directory: searchDirectory,
                                     embedder: embedder)
    }
}

/// The MiniLM files' location: `$PAPERBOY_MODEL_DIR`, else the cache folder (see `AppConfiguration.model`).
func configuredModel() -> ModelLocation {
    AppConfiguration.model(SettingsReader())
}

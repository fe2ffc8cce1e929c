import ArgumentParser
import Foundation
import PaperboyCatalog
import PaperboyStore

/// The `--database` option every subcommand that touches storage shares.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "SQLite database file (created if missing).",
        discussion: "Defaults to $PAPERBOY_DATABASE, else ./paperboy.sqlite.", valueName: "path"))
    var database: String?

    var path: String {
        database ?? ProcessInfo.processInfo.environment["PAPERBOY_DATABASE"] ?? "paperboy.sqlite"
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

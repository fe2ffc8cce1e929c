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

    func openStore() throws -> SQLitePaperStore {
        try SQLitePaperStore(path: path)
    }

    /// The search index directory beside the database: `<database>.search/`.
    var searchDirectory: URL { URL(fileURLWithPath: path + ".search") }

    /// Opens the search catalog for `store`, catching up with changes since it was last saved. With an
    /// `embedder` it also serves semantic and hybrid search over the stored vectors.
    func openCatalog(_ store: any PaperStore, embedder: (any TextEmbedder)? = nil) async throws -> SearchCatalog {
        try await SearchCatalog.open(store: store, directory: searchDirectory, embedder: embedder)
    }
}

import ArgumentParser
import Foundation
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
}

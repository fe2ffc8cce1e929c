import ArgumentParser
import Foundation
import PaperboyCore

struct Remove: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Remove papers (and their daily entries) from the database and the search index.")

    @OptionGroup var db: DatabaseOptions

    @Argument(help: "Paper ids (arXiv ids in any form, or local- ids).")
    var ids: [String]

    func run() async throws {
        guard !ids.isEmpty else { throw ValidationError("Name at least one paper id.") }
        var parsed: [PaperID] = []
        for raw in ids {
            do { parsed.append(try PaperID(parsing: raw)) } catch { throw ValidationError(error.message) }
        }
        let stores = try await db.openStores()
        let store = stores.papers
        let removed = try await store.remove(parsed)
        try await db.updateIndex(stores)
        print("Removed \(removed) of \(parsed.count) papers.")
        if removed < parsed.count { throw ExitCode(1) }
    }
}

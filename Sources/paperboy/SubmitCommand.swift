import ArgumentParser
import Foundation
import PaperboyCore
import PaperboyIngest

struct Submit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Feature an arXiv paper today, fetching it from arXiv first if it is not in the database.",
        discussion: "Exits 1 with nothing stored when arXiv cannot be reached or does not know the id.")

    @OptionGroup var db: DatabaseOptions
    @OptionGroup var arxiv: ArxivOptions

    @Argument(help: "arXiv id in any form (2405.15738, arXiv:2405.15738v2, an arxiv.org URL).")
    var id: String

    func run() async throws {
        let arxivID: ArxivID
        do { arxivID = try ArxivID(parsing: id) } catch { throw ValidationError(error.message) }
        let stores = try await db.openStores()
        let store = stores.papers
        let logger = stderrLogger("paperboy.submit")
        let result: SubmissionResult
        do {
            result = try await arxiv.withFetcher(logger: logger) { http in
                try await ArxivSubmitter(store: store, api: .interactive(http: http)).submit(arxivID, submitter: nil)
            }
        } catch let error as PaperboyError {
            FileHandle.standardError.write(Data("paperboy submit: \(error.message)\n".utf8))
            throw ExitCode(1)
        }
        let what = result.alreadyFeatured ? "already featured" : result.fetched ? "fetched from arXiv and featured" : "featured"
        print("\(result.detail.paper.id) \(what) on \(result.day): \(result.detail.paper.title.split(whereSeparator: \.isWhitespace).joined(separator: " "))")
        try await db.updateIndex(stores)
    }
}

import Foundation
import Hummingbird
import PaperboyCatalog
import PaperboyCore

/// `?q=` on a list (the day/week/month/trending and organisation pages, `/api/daily_papers`): the papers matching
/// the query in the search's language (``SearchCatalog/matchingPaperIDs(_:)``: one parser, one matcher), passed to
/// the store as ``PaperboyStore/FeedQuery/paperIDs``. A blank `q` filters nothing. A malformed query is
/// `invalidInput` (400); asking to filter without a search index is `configuration` (503).
struct ListFilter: Sendable {
    /// The query as typed, trimmed (`""` when none): shown in the filter box and kept in paging links.
    var text: String
    /// `nil` = no restriction.
    var paperIDs: Set<PaperID>?

    init(_ request: Request, catalog: SearchCatalog?) throws {
        text = (request.formQuery["q"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return }
        guard let catalog else { throw PaperboyError(.configuration, "Filtering lists needs the search index.") }
        paperIDs = try catalog.matchingPaperIDs(text)
    }
}

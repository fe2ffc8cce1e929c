import Foundation
import Hummingbird
import PaperboyCatalog
import PaperboyCore
import PaperboyStore

/// `GET /{org}/papers`: an organisation's papers (HF's `organization` on daily entries), newest day first, in the
/// daily-list layout with its full name and avatar, paged by `?p=` and filtered by `?q=` like the other lists.
/// An unknown organisation is a 404 page.
///
/// Routing: `/{org}/papers` shares its first segment with every top-level page. The router tries fixed segments
/// before parameters, so `/papers/…`, `/api/…`, `/search/…`, `/authors/…`, `/collections/…` keep their routes (the
/// router tests check them); an organisation whose name is one of those words is not reachable here.
struct OrganizationController<Context: CommunityRequestContext>: Sendable {
    let papers: any PaperStore
    let catalog: SearchCatalog?
    let personal: PersonalPages

    func register(on router: Router<Context>) {
        // The same parameter name as the profile route `/:username`, so both live under one trie node.
        router.get("/:username/papers", use: papersOfOrganization)
    }

    @Sendable func papersOfOrganization(_ request: Request, context: Context) async throws -> Response {
        let name = try context.parameters.require("username")
        guard Self.isPlausibleName(name), let organization = try await papers.organization(named: name) else {
            throw PaperboyError.notFound("No organisation named '\(name.prefix(64))' has papers here.")
        }
        let pageNumber = try FeedController<Context>.pageNumber(request)
        let filter = try ListFilter(request, catalog: catalog)
        return try await personal.respond("feed", request: request, context: context) {
            let page = try await papers.feed(FeedQuery(
                organization: organization.name, paperIDs: filter.paperIDs, sort: .publishedAt,
                limit: FeedPageView.pageSize, offset: pageNumber * FeedPageView.pageSize))
            return FeedPageView(organization: organization, page: page, pageNumber: pageNumber, filter: filter.text)
        }
    }

    /// HF organisation names: 1–96 letters, digits, `-`, `_`, `.` (anything else cannot be one; no lookup).
    static func isPlausibleName(_ name: String) -> Bool {
        (1...96).contains(name.count) && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
    }
}

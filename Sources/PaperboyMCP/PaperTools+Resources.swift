import Foundation
import MCP
import PaperboyCore
import PaperboyStore

/// Resources: every paper is `paper://{id}` (a resource template), read as its Markdown page. `resources/list`
/// names the newest day's papers, so a client that browses resources sees something current; any other paper is
/// reached through the template.
extension PaperTools {
    public static let uriScheme = "paper://"

    public static let templates: [Resource.Template] = [
        Resource.Template(
            uriTemplate: "paper://{id}", name: "paper", title: "A paper's page",
            description: "The paper's page as Markdown (what get_paper returns); id is an arXiv id such as 2405.15738.",
            mimeType: "text/markdown")
    ]

    /// The newest day's papers, most upvoted first (at most `limit`).
    public func listResources(limit: Int = 50) async throws -> [Resource] {
        guard let bounds = try await papers.dayBounds() else { return [] }
        let day = bounds.upperBound
        let page = try await papers.feed(FeedQuery(days: day...day, sort: .upvotes, limit: limit))
        return page.items.map { item in
            Resource(name: PaperSummary.title(item.paper.title), uri: Self.uriScheme + item.paper.id.rawValue,
                     description: "Featured on \(day)", mimeType: "text/markdown")
        }
    }

    /// `resources/read` of `paper://{id}`: the Markdown page. A URI of another shape or a bad id is
    /// `invalidParams`; a paper the site does not have is the spec's "resource not found" (`-32002`).
    public func readResource(_ uri: String) async throws(MCPError) -> ReadResource.Result {
        guard uri.hasPrefix(Self.uriScheme) else {
            throw MCPError.invalidParams("Unknown resource '\(uri.prefix(80))': resources are paper://{id}.")
        }
        let raw = String(uri.dropFirst(Self.uriScheme.count)).removingPercentEncoding ?? ""
        let id: PaperID
        do { id = try PaperID(parsing: raw) } catch {
            throw MCPError.invalidParams("'\(raw.prefix(60))' in \(uri.prefix(80)) is not a paper id.")
        }
        let detail: PaperDetail?
        do { detail = try await papers.paper(id) } catch {
            logger.error("mcp resources/read \(uri) failed: \(error)")
            throw MCPError.internalError("Reading \(id) failed on the server; try again later.")
        }
        guard let detail else {
            throw MCPError.serverError(code: Self.resourceNotFound, message: "Resource not found: \(Self.notHere(id))")
        }
        return ReadResource.Result(contents: [.text(markdown(detail), uri: uri, mimeType: "text/markdown")])
    }

    /// The JSON-RPC error code the MCP spec gives "resource not found".
    static let resourceNotFound = -32002
}

import Foundation
import Hummingbird
import PaperboyCatalog
import PaperboyCore
import PaperboyStore

/// The paper page (`/papers/{id}`, old-style ids as `/papers/{archive}/{number}`) and its Markdown
/// (`/papers/{id}.md`).
struct PaperController<Context: CommunityRequestContext>: Sendable {
    let papers: any PaperStore
    let catalog: SearchCatalog?
    let community: (any CommunityStore)?
    let pages: PageRenderer

    func register(on router: Router<Context>) {
        router.get("/papers/:id", use: page)
        router.get("/papers/:id/:number", use: oldStylePage)
    }

    @Sendable func page(_ request: Request, context: Context) async throws -> Response {
        try await respond(context.parameters.require("id"), context: context)
    }

    @Sendable func oldStylePage(_ request: Request, context: Context) async throws -> Response {
        let archive = try context.parameters.require("id")
        guard !["date", "week", "month"].contains(archive) else {
            throw PaperboyError.notFound("No such page.")
        }
        return try await respond("\(archive)/\(try context.parameters.require("number"))", context: context)
    }

    private func respond(_ rawID: String, context: Context) async throws -> Response {
        let markdown = rawID.hasSuffix(".md")
        let text = markdown ? String(rawID.dropLast(3)) : rawID
        let id: PaperID
        do { id = try PaperID(parsing: text) } catch {
            throw PaperboyError.notFound("'\(text.prefix(60))' is not a paper id we know.")
        }
        guard let detail = try await papers.paper(id) else {
            throw PaperboyError.notFound("Paper \(id) is not on this site (yet).")
        }
        if markdown {
            return Response(status: .ok, headers: [.contentType: "text/markdown; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: PaperMarkdown.render(detail))))
        }
        var view = PaperPageView(detail)
        // Similar papers are a bonus: a failure there must not take the paper page down.
        if let catalog = catalog, let similar = try? await catalog.similar(to: id, limit: 6) {
            view.similar = similar.map { PaperPageView.SimilarView($0.detail) }
            view.similarByMeaning = catalog.semantic?.index.contains(id: id.rawValue) ?? false
        }
        if let community = community {
            view.community = try await PaperCommunityView.load(detail.paper, community: community,
                                                               viewer: context.viewer)
        }
        return pages.render("paper", view, visitor: context.visitor)
    }
}

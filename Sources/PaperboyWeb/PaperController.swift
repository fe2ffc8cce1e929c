import Foundation
import Hummingbird
import PaperboyCatalog
import PaperboyCore
import PaperboyFeeds
import PaperboyStore

/// The paper page (`/papers/{id}`, old-style ids as `/papers/{archive}/{number}`), its Markdown (`/papers/{id}.md`,
/// or `/papers/{id}` with `Accept: text/markdown`) and its citations (`/papers/{id}.bib`, `/papers/{id}.ris`).
/// The page and its Markdown answer `Vary: Accept` (see ``PaperRepresentation``).
struct PaperController<Context: CommunityRequestContext>: Sendable {
    let papers: any PaperStore
    let catalog: SearchCatalog?
    let community: (any CommunityStore)?
    let pages: PageRenderer
    /// The site's public address, for citations of papers that are not on arXiv.
    var baseURL = "http://127.0.0.1:8080"

    func register(on router: Router<Context>) {
        router.get("/papers/:id", use: page)
        router.get("/papers/:id/:number", use: oldStylePage)
    }

    @Sendable func page(_ request: Request, context: Context) async throws -> Response {
        try await respond(context.parameters.require("id"), request: request, context: context)
    }

    @Sendable func oldStylePage(_ request: Request, context: Context) async throws -> Response {
        let archive = try context.parameters.require("id")
        guard !["date", "week", "month"].contains(archive) else {
            throw PaperboyError.notFound("No such page.")
        }
        return try await respond("\(archive)/\(try context.parameters.require("number"))", request: request,
                                 context: context)
    }

    private func respond(_ rawID: String, request: Request, context: Context) async throws -> Response {
        let (text, suffix) = PaperRepresentation.split(rawID)
        let form = suffix ?? PaperRepresentation.negotiate(request.headers[.accept])
        let id: PaperID
        do { id = try PaperID(parsing: text) } catch {
            throw PaperboyError.notFound("'\(text.prefix(60))' is not a paper id we know.")
        }
        guard let detail = try await papers.paper(id) else {
            throw PaperboyError.notFound("Paper \(id) is not on this site (yet).")
        }
        let citation = Citation(paper: detail.paper, pageURL: "\(baseURL)/papers/\(id)")
        switch form {
        case .markdown: return Self.text(PaperMarkdown.render(detail), as: form)
        case .bibtex: return Self.text(BibTeXWriter.document([citation]), as: form, filename: "\(id).bib")
        case .ris: return Self.text(RISWriter.record(citation), as: form, filename: "\(id).ris")
        case .html: break
        }
        var view = PaperPageView(detail, citation: citation)
        // Similar papers are a bonus: a failure there must not take the paper page down.
        if let catalog = catalog, let similar = try? await catalog.similar(to: id, limit: 6) {
            view.similar = similar.map { PaperPageView.SimilarView($0.detail) }
            view.similarByMeaning = catalog.semantic?.index.contains(id: id.rawValue) ?? false
        }
        if let community = community {
            view.community = try await PaperCommunityView.load(detail.paper, community: community,
                                                               viewer: context.viewer)
        }
        var response = pages.render("paper", view, visitor: context.visitor)
        response.headers[.vary] = "Accept"
        return response
    }

    /// A text answer in `form`; a citation file also names itself (`Content-Disposition: inline; filename=…`).
    static func text(_ body: String, as form: PaperRepresentation, filename: String? = nil) -> Response {
        var headers: HTTPFields = [.contentType: form.contentType]
        if form == .markdown { headers[.vary] = "Accept" }
        if let filename {
            headers[.contentDisposition] = "inline; filename=\"\(filename.replacingOccurrences(of: "/", with: "_"))\""
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}

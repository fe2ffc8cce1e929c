import Foundation
import Hummingbird
import PaperboyCore
import PaperboyFeeds
import PaperboyStore

/// Collections: `POST /collections` (create), `GET /collections/{user}/{slug}`, `POST /collections/items`
/// (add or remove a paper, from the paper page), `POST /collections/{user}/{slug}/delete`.
/// `GET /collections/{user}/{slug}.bib` exports the collection as BibTeX (``BibTeXWriter``, keys unique within it).
/// Private collections are visible to their owner only; to anyone else they do not exist (404).
struct CollectionsController: Sendable {
    typealias Context = AppRequestContext
    let papers: any PaperStore
    let upvotes: UpvoteMarks
    let clock: Now
    let community: any CommunityStore
    let pages: PageRenderer
    /// The site's public address, for citations of papers that are not on arXiv.
    var baseURL = "http://127.0.0.1:8080"

    func register(on router: Router<Context>) {
        router.post("/collections", use: create)
        router.post("/collections/items", use: setItem)
        router.get("/collections/:user/:slug", use: show)
        router.post("/collections/:user/:slug/delete", use: delete)
    }

    @Sendable func create(_ request: Request, context: Context) async throws -> Response {
        guard let user = context.viewer else { return Redirect.toSignIn(then: "/") }
        var request = request
        let form = try await request.form()
        let name = try PaperCollection.validateName(form["name"] ?? "")
        let description = Comment.stripControls(form["description"] ?? "").trimmingWhitespace()
        guard description.count <= 2_000 else { throw PaperboyError.invalid("A description has at most 2,000 characters.") }
        let made = try await community.createCollection(ownerID: user.id, name: name, description: description,
                                                        isPublic: form["public"] == "1", at: clock())
        if let paper = form["paper"], let id = try? PaperID(parsing: paper) {
            try await community.setInCollection(collectionID: made.id, paperID: id, true, at: clock())
            return Redirect.to("/papers/\(id)#collections")
        }
        return Redirect.to(Self.path(made))
    }

    @Sendable func setItem(_ request: Request, context: Context) async throws -> Response {
        guard let user = context.viewer else { throw PaperboyError.unauthorized("Sign in first.") }
        var request = request
        let form = try await request.form()
        let paperID = try PaperID(parsing: form.require("paper", label: "A paper id"))
        guard let id = Int64(form["collection"] ?? ""), let collection = try await community.collection(id: id),
              collection.ownerID == user.id else { throw PaperboyError.forbidden("That is not one of your collections.") }
        try await community.setInCollection(collectionID: id, paperID: paperID, form["include"] != "0", at: clock())
        return Redirect.to(Redirect.safeLocalPath(form["back"]) ?? "/papers/\(paperID)#collections")
    }

    @Sendable func show(_ request: Request, context: Context) async throws -> Response {
        let slug = try context.parameters.require("slug")
        if slug.hasSuffix(".bib") { return try await bibtex(context, slug: String(slug.dropLast(4))) }
        let collection = try await visible(context)
        let details = try await papers.details(collection.paperIDs)
        var cards = details.enumerated().map { i, d in
            PaperCardView(paper: d.paper, upvotes: d.upvotes, comments: d.comments, day: d.entries.first?.day,
                          submitter: nil, rank: i + 1)
        }
        cards = try await upvotes.mark(cards, by: context.viewer)
        let view = CollectionPageView(layout: LayoutView(title: collection.name), name: collection.name,
                                      owner: collection.owner, description: collection.description,
                                      isPublic: collection.isPublic, isOwner: context.viewer?.id == collection.ownerID,
                                      path: Self.path(collection), cards: cards)
        return pages.render("collection", view, visitor: context.visitor)
    }

    @Sendable func delete(_ request: Request, context: Context) async throws -> Response {
        let collection = try await visible(context)
        guard context.viewer?.id == collection.ownerID else { throw PaperboyError.forbidden("That is not your collection.") }
        try await community.deleteCollection(id: collection.id)
        return Redirect.to("/\(collection.owner)")
    }

    /// The collection's papers as BibTeX, in the collection's order.
    private func bibtex(_ context: Context, slug: String) async throws -> Response {
        let collection = try await visible(context, slug: slug)
        let citations = try await papers.details(collection.paperIDs).map {
            Citation(paper: $0.paper, pageURL: "\(baseURL)/papers/\($0.paper.id)")
        }
        return Response(status: .ok, headers: [.contentType: PaperRepresentation.bibtex.contentType,
                                               .contentDisposition: "inline; filename=\"\(collection.slug).bib\""],
                        body: .init(byteBuffer: ByteBuffer(string: BibTeXWriter.document(citations))))
    }

    private func visible(_ context: Context, slug: String? = nil) async throws -> PaperCollection {
        let owner = try context.parameters.require("user"), slug = try slug ?? context.parameters.require("slug")
        guard let c = try await community.collection(owner: owner, slug: slug),
              c.isPublic || c.ownerID == context.viewer?.id
        else { throw PaperboyError.notFound("No such collection.") }
        return c
    }

    static func path(_ c: PaperCollection) -> String { "/collections/\(c.owner)/\(c.slug)" }
}

struct CollectionPageView {
    var layout: LayoutView
    var name: String
    var owner: String
    var description: String
    var isPublic: Bool
    var isOwner: Bool
    var path: String
    var cards: [PaperCardView]
}

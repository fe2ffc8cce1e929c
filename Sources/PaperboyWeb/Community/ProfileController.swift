import Foundation
import Hummingbird
import PaperboyCore
import PaperboyStore

/// `/{username}` (a user's upvotes, comments, submissions, collections, claimed papers) and `/authors/{name}`
/// (an author's papers by normalised name) plus `POST /papers/claim`.
struct ProfileController: Sendable {
    typealias Context = AppRequestContext
    let papers: any PaperStore
    let upvotes: UpvoteMarks
    let clock: Now
    let community: any CommunityStore
    let accounts: any AccountStore
    let pages: PageRenderer

    func register(on router: Router<Context>) {
        router.get("/authors/:name", use: author)
        router.post("/papers/claim", use: claim)
        router.get("/:username", use: profile)
    }

    @Sendable func profile(_ request: Request, context: Context) async throws -> Response {
        let name = try context.parameters.require("username")
        guard let user = try await accounts.user(username: name) else { throw PaperboyError.notFound("No such user.") }
        let isSelf = context.viewer?.id == user.id
        let upvotedIDs = try await community.upvotedPapers(userID: user.id, limit: 50)
        let upvoted = try await cards(upvotedIDs, viewer: context.viewer)
        let submissions = try await papers.feed(FeedQuery(submitter: user.username, sort: .publishedAt, limit: 50,
                                                              now: clock()))
        let comments = try await community.comments(userID: user.id, limit: 50).map { CommentView($0, viewer: context.viewer) }
        let collections = try await community.collections(ownerID: user.id, includePrivate: isSelf).map {
            ProfilePageView.CollectionLink(href: CollectionsController.path($0), name: $0.name, count: $0.paperIDs.count,
                                           isPublic: $0.isPublic)
        }
        let claims = try await community.claims(status: isSelf ? nil : .approved, userID: user.id, limit: 200)
            .filter { $0.status != .rejected }
        let pending = Set(claims.filter { $0.status == .pending }.map(\.paperID))
        let claimed = try await papers.details(claims.map(\.paperID)).map { d in
            ProfilePageView.Claimed(href: "/papers/\(d.paper.id)", title: Text.collapse(d.paper.title),
                                    pending: pending.contains(d.paper.id))
        }
        var subCards = submissions.items.enumerated().map { PaperCardView($1, rank: $0 + 1) }
        subCards = try await upvotes.mark(subCards, by: context.viewer)
        let view = ProfilePageView(
            layout: LayoutView(title: user.username), username: user.username, isSelf: isSelf,
            joined: Text.displayDate(Day(secondsSinceEpoch: user.createdAt.timeIntervalSince1970)),
            isModerator: user.isModerator, upvoted: upvoted, submissions: subCards, comments: comments,
            collections: collections, claimed: claimed)
        return pages.render("profile", view, visitor: context.visitor)
    }

    @Sendable func author(_ request: Request, context: Context) async throws -> Response {
        let raw = try context.parameters.require("name")
        let name = raw.removingPercentEncoding ?? raw
        let key = Author.normalise(name)
        guard !key.isEmpty else { throw PaperboyError.notFound("No such author.") }
        let ids = try await community.paperIDs(author: key, limit: 200)
        guard !ids.isEmpty else { throw PaperboyError.notFound("No papers by \(name.prefix(80)) here.") }
        let details = try await papers.details(ids)
        let display = details.first?.paper.authors.first { Author.normalise($0.name) == key }
        let users = Set(details.flatMap { $0.paper.authors }.filter { Author.normalise($0.name) == key }
            .compactMap { $0.user?.username }).sorted()
        let view = AuthorPageView(layout: LayoutView(title: display?.name ?? name), name: display?.name ?? name,
                                  users: users, count: details.count,
                                  cards: try await cards(ids, viewer: context.viewer, details: details))
        return pages.render("author", view, visitor: context.visitor)
    }

    @Sendable func claim(_ request: Request, context: Context) async throws -> Response {
        var request = request
        let form = try await request.form()
        let paperID = try PaperID(parsing: form.require("paper", label: "A paper id"))
        guard let user = context.viewer else { return Redirect.toSignIn(then: "/papers/\(paperID)") }
        _ = try await community.claimAuthorship(userID: user.id, paperID: paperID,
                                                authorName: form.require("author", label: "An author name"), at: clock())
        return Redirect.to("/papers/\(paperID)#claim")
    }

    private func cards(_ ids: [PaperID], viewer: User?, details: [PaperDetail]? = nil) async throws -> [PaperCardView] {
        let found: [PaperDetail]
        if let details { found = details } else { found = try await papers.details(ids) }
        let cards = found.enumerated().map { i, d in
            PaperCardView(paper: d.paper, upvotes: d.upvotes, comments: d.comments, day: d.entries.first?.day,
                          submitter: nil, rank: i + 1)
        }
        return try await upvotes.mark(cards, by: viewer)
    }
}

struct ProfilePageView {
    var layout: LayoutView
    var username: String
    var isSelf: Bool
    var joined: String
    var isModerator: Bool
    var upvoted: [PaperCardView]
    var submissions: [PaperCardView]
    var comments: [CommentView]
    var collections: [CollectionLink]
    var claimed: [Claimed]

    struct CollectionLink {
        var href: String
        var name: String
        var count: Int
        var isPublic: Bool
    }

    struct Claimed {
        var href: String
        var title: String
        var pending: Bool
    }
}

struct AuthorPageView {
    var layout: LayoutView
    var name: String
    /// Site users verified as this author.
    var users: [String]
    var count: Int
    var cards: [PaperCardView]
}

/// Author page links: `/authors/Tri%20Dao`.
enum AuthorPath {
    static func href(_ name: String) -> String {
        "/authors/" + (name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
    }
}

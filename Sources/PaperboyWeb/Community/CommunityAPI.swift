import Foundation
import Hummingbird
import PaperboyCore
import PaperboyStore

/// The community's JSON API. Writes need `Authorization: Bearer <token>` (``BearerAuthMiddleware``):
/// `POST|DELETE /api/papers/{id}/upvote` → `{"upvotes": N, "upvoted": bool}`;
/// `POST /api/papers/{id}/comments` `{"body": "…", "parentId": n?}` → 201 comment;
/// `PATCH|DELETE /api/comments/{id}` (own comments; moderators may delete any).
/// Reads are public: `GET /api/papers/{id}/comments`.
struct CommunityAPI: Sendable {
    typealias Context = AppRequestContext
    let papers: any PaperStore
    let clock: Now
    let community: any CommunityStore
    let accounts: any AccountStore

    func register(on router: Router<Context>) {
        let bearer = BearerAuthMiddleware<Context>(store: accounts, clock: clock)
        router.group("/api/papers/:id/upvote").add(middleware: bearer)
            .post { request, context in try await upvote(context, true) }
            .delete { request, context in try await upvote(context, false) }
        router.get("/api/papers/:id/comments", use: listComments)
        router.group("/api/papers/:id/comments").add(middleware: bearer).post(use: addComment)
        router.group("/api/comments/:comment").add(middleware: bearer).patch(use: editComment).delete(use: deleteComment)
    }

    func upvote(_ context: Context, _ wanted: Bool) async throws -> Response {
        let user = try tokenUser(context)
        let id = try context.paperIDParameter()
        return try JSONResponse.make(await community.setUpvote(userID: user.id, paperID: id, to: wanted, at: clock()))
    }

    @Sendable func listComments(_ request: Request, context: Context) async throws -> Response {
        let id = try context.paperIDParameter()
        guard try await papers.paper(id) != nil else { throw PaperboyError.notFound("Paper \(id) is not on this site.") }
        return try JSONResponse.make(await community.comments(paperID: id, includeHidden: false).map(CommentJSON.init))
    }

    @Sendable func addComment(_ request: Request, context: Context) async throws -> Response {
        let user = try tokenUser(context)
        let input = try await decode(request, context)
        let comment = try await community.addComment(userID: user.id, paperID: try context.paperIDParameter(), parentID: input.parentId,
                                                     body: try Comment.validateBody(input.body), at: clock())
        return try JSONResponse.make(CommentJSON(comment), status: .created)
    }

    @Sendable func editComment(_ request: Request, context: Context) async throws -> Response {
        let comment = try await ownComment(context, moderatorMay: false)
        let input = try await decode(request, context)
        let edited = try await community.editComment(id: comment.id, body: try Comment.validateBody(input.body),
                                                     at: clock())
        return try JSONResponse.make(CommentJSON(edited))
    }

    @Sendable func deleteComment(_ request: Request, context: Context) async throws -> Response {
        let comment = try await ownComment(context, moderatorMay: true)
        try await community.deleteComment(id: comment.id)
        return Response(status: .noContent)
    }

    private func ownComment(_ context: Context, moderatorMay: Bool) async throws -> Comment {
        let user = try tokenUser(context)
        guard let id = Int64(try context.parameters.require("comment")),
              let comment = try await community.comment(id: id) else { throw PaperboyError.notFound("No such comment.") }
        guard comment.authorID == user.id || (moderatorMay && user.isModerator) else {
            throw PaperboyError.forbidden("That is someone else's comment.")
        }
        return comment
    }

    private func tokenUser(_ context: Context) throws -> User {
        guard let user = context.tokenUser else { throw PaperboyError.unauthorized("An API token is required.") }
        return user
    }

    private func decode(_ request: Request, _ context: Context) async throws -> CommentInput {
        do { return try await request.decode(as: CommentInput.self, context: context) } catch {
            throw PaperboyError.invalid("Send JSON like {\"body\": \"…\", \"parentId\": 12}.")
        }
    }

    struct CommentInput: Decodable {
        var body: String
        var parentId: Int64?
    }

    /// A comment in the API: the Markdown source and who wrote it (HF's user object).
    struct CommentJSON: Encodable {
        var id: Int64
        var paperId: String
        var parentId: Int64?
        var author: HFAPI.UserJSON
        var body: String
        var createdAt: String
        var editedAt: String?

        init(_ c: Comment) {
            id = c.id
            paperId = c.paperID.rawValue
            parentId = c.parentID
            author = HFAPI.UserJSON(c.author)
            body = c.body
            createdAt = Timestamp.format(c.createdAt)
            editedAt = c.editedAt.map(Timestamp.format)
        }
    }
}

import Foundation
import Hummingbird
import PaperboyCore
import PaperboyStore

/// Upvotes and comments from the site's forms: `POST /papers/upvote` (answers JSON to the enhancing script,
/// a redirect otherwise), `POST /papers/comment`, `GET|POST /comments/{id}/edit`, `POST /comments/{id}/delete`,
/// `POST /comments/{id}/hide` (moderators).
struct DiscussionController: Sendable {
    typealias Context = AppRequestContext
    let clock: Now
    let community: any CommunityStore
    let pages: PageRenderer

    func register(on router: Router<Context>) {
        router.post("/papers/upvote", use: upvote)
        router.post("/papers/comment", use: addComment)
        router.get("/comments/:comment/edit", use: editPage)
        router.post("/comments/:comment/edit", use: edit)
        router.post("/comments/:comment/delete", use: delete)
        router.post("/comments/:comment/hide", use: hide)
    }

    @Sendable func upvote(_ request: Request, context: Context) async throws -> Response {
        var request = request
        let form = try await request.form()
        let paperID = try PaperID(parsing: form.require("paper", label: "A paper id"))
        let wantsJSON = request.headers[.accept]?.contains("application/json") == true
        guard let user = context.viewer else {
            if wantsJSON { throw PaperboyError.unauthorized("Sign in to upvote.") }
            return Redirect.toSignIn(then: "/papers/\(paperID)")
        }
        let wanted: Bool? = form["upvote"].flatMap { $0 == "1" ? true : $0 == "0" ? false : nil }
        let state = try await community.setUpvote(userID: user.id, paperID: paperID, to: wanted, at: clock())
        if wantsJSON { return try JSONResponse.make(state) }
        return Redirect.to(Redirect.safeLocalPath(form["back"]) ?? "/papers/\(paperID)")
    }

    @Sendable func addComment(_ request: Request, context: Context) async throws -> Response {
        var request = request
        let form = try await request.form()
        let paperID = try PaperID(parsing: form.require("paper", label: "A paper id"))
        guard let user = context.viewer else { return Redirect.toSignIn(then: "/papers/\(paperID)") }
        let body = try Comment.validateBody(form["body"] ?? "")
        let parent = form["parent"].flatMap { Int64($0) }
        let comment = try await community.addComment(userID: user.id, paperID: paperID, parentID: parent, body: body,
                                                     at: clock())
        return Redirect.to("/papers/\(paperID)#comment-\(comment.id)")
    }

    @Sendable func editPage(_ request: Request, context: Context) async throws -> Response {
        let comment = try await ownComment(context)
        let view = CommentEditView(layout: LayoutView(title: "Edit comment"), id: comment.id,
                                   paperID: comment.paperID.rawValue, body: comment.body)
        return pages.render("comment_edit", view, visitor: context.visitor)
    }

    @Sendable func edit(_ request: Request, context: Context) async throws -> Response {
        var request = request
        let comment = try await ownComment(context)
        let body = try Comment.validateBody(try await request.form()["body"] ?? "")
        _ = try await community.editComment(id: comment.id, body: body, at: clock())
        return Redirect.to("/papers/\(comment.paperID)#comment-\(comment.id)")
    }

    @Sendable func delete(_ request: Request, context: Context) async throws -> Response {
        let comment = try await ownComment(context, moderatorMay: true)
        try await community.deleteComment(id: comment.id)
        return Redirect.to("/papers/\(comment.paperID)#comments")
    }

    @Sendable func hide(_ request: Request, context: Context) async throws -> Response {
        var request = request
        guard let user = context.viewer else { throw PaperboyError.unauthorized("Sign in first.") }
        guard user.isModerator else { throw PaperboyError.forbidden("Only moderators can hide comments.") }
        let comment = try await commentFromPath(context)
        let hidden = try await request.form()["hidden"] != "0"
        try await community.setCommentHidden(id: comment.id, hidden)
        return Redirect.to("/papers/\(comment.paperID)#comment-\(comment.id)")
    }

    /// The comment named in the path, if the viewer wrote it (or is a moderator, when `moderatorMay`).
    private func ownComment(_ context: Context, moderatorMay: Bool = false) async throws -> Comment {
        guard let user = context.viewer else { throw PaperboyError.unauthorized("Sign in first.") }
        let comment = try await commentFromPath(context)
        guard comment.authorID == user.id || (moderatorMay && user.isModerator) else {
            throw PaperboyError.forbidden("That is someone else's comment.")
        }
        return comment
    }

    private func commentFromPath(_ context: Context) async throws -> Comment {
        guard let id = Int64(try context.parameters.require("comment")),
              let comment = try await community.comment(id: id) else { throw PaperboyError.notFound("No such comment.") }
        return comment
    }
}

struct CommentEditView {
    var layout: LayoutView
    var id: Int64
    var paperID: String
    var body: String
}

import Foundation
import Hummingbird
import PaperboyCore
import PaperboyStore

/// `/moderation` for moderators: approve or reject authorship claims, take a paper off a day's list.
/// (Hiding comments is on the paper page: `POST /comments/{id}/hide`.)
struct ModerationController: Sendable {
    typealias Context = AppRequestContext
    let clock: Now
    let community: any CommunityStore
    let pages: PageRenderer

    func register(on router: Router<Context>) {
        router.get("/moderation", use: page)
        router.post("/moderation/claims", use: decide)
        router.post("/moderation/remove-entry", use: removeEntry)
    }

    @Sendable func page(_ request: Request, context: Context) async throws -> Response {
        _ = try moderator(context)
        let claims = try await community.claims(status: .pending, userID: nil, limit: 200).map {
            ModerationPageView.ClaimView(id: $0.id, username: $0.username, authorName: $0.authorName,
                                         paperID: $0.paperID.rawValue)
        }
        let notice = request.uri.queryParameters.get("done").map { _ in "Done." }
        return pages.render("moderation", ModerationPageView(claims: claims, notice: notice), visitor: context.visitor)
    }

    @Sendable func decide(_ request: Request, context: Context) async throws -> Response {
        _ = try moderator(context)
        var request = request
        let form = try await request.form()
        guard let id = Int64(form["claim"] ?? "") else { throw PaperboyError.invalid("Which claim?") }
        _ = try await community.decideClaim(id: id, approve: form["decision"] == "approve", at: clock())
        return Redirect.to("/moderation?done=1")
    }

    @Sendable func removeEntry(_ request: Request, context: Context) async throws -> Response {
        _ = try moderator(context)
        var request = request
        let form = try await request.form()
        let paperID = try PaperID(parsing: form.require("paper", label: "A paper id"))
        let day = try Day(parsing: form.require("day", label: "A day"))
        guard try await community.removeEntry(paperID: paperID, day: day) else {
            throw PaperboyError.notFound("Paper \(paperID) is not on \(day)'s list.")
        }
        return Redirect.to("/papers/date/\(day)")
    }

    private func moderator(_ context: Context) throws -> User {
        guard let user = context.viewer else { throw PaperboyError.unauthorized("Sign in first.") }
        guard user.isModerator else { throw PaperboyError.forbidden("This page is for moderators.") }
        return user
    }
}

struct ModerationPageView {
    var layout = LayoutView(title: "Moderation")
    var claims: [ClaimView]
    var notice: String?

    struct ClaimView {
        var id: Int64
        var username: String
        var authorName: String
        var paperID: String
    }
}

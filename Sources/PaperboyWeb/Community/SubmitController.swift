import Foundation
import Hummingbird
import PaperboyCore
import PaperboyStore

/// `/papers/submit`: feature a paper on today's list, with the submitter shown (HF's `submittedOnDailyBy`).
/// Accepts an arXiv id or any URL form of one; a paper the store does not know is fetched through
/// ``AppDependencies/fetcher`` when configured, else refused with a clear message.
struct SubmitController: Sendable {
    typealias Context = AppRequestContext
    let papers: any PaperStore
    let fetcher: (any PaperFetcher)?
    let clock: Now
    let community: any CommunityStore
    let pages: PageRenderer

    func register(on router: Router<Context>) {
        router.get("/papers/submit", use: page)
        router.post("/papers/submit", use: submit)
    }

    @Sendable func page(_ request: Request, context: Context) async throws -> Response {
        guard context.viewer != nil else { return Redirect.toSignIn(then: "/papers/submit") }
        return pages.render("submit", SubmitPageView(), visitor: context.visitor)
    }

    @Sendable func submit(_ request: Request, context: Context) async throws -> Response {
        guard let user = context.viewer else { return Redirect.toSignIn(then: "/papers/submit") }
        var request = request
        let form = try await request.form()
        var view = SubmitPageView()
        view.input = form["paper"] ?? ""
        do {
            let entry = try await submit(view.input, by: user)
            return Redirect.to("/papers/date/\(entry.day)#paper-\(entry.paperID)")
        } catch let error as PaperboyError where error.code != .storage {
            view.error = error.message
            return pages.render("submit", view, visitor: context.visitor, status: ErrorMapping.status(for: error.code))
        }
    }

    /// Resolves `input` to a stored paper (fetching it if possible) and features it today.
    func submit(_ input: String, by user: User) async throws -> DailyEntry {
        let id = try PaperID(parsing: input)
        if try await papers.paper(id) == nil {
            guard let arxiv = id.arxiv else { throw PaperboyError.notFound("Paper \(id) is not in the database.") }
            guard let fetcher = fetcher else {
                throw PaperboyError.notFound(
                    "Paper \(id) is not in the database, and arXiv fetching is not configured on this server.")
            }
            guard try await fetcher.fetchAndStore(arxiv) != nil else {
                throw PaperboyError.notFound("arXiv does not know a paper \(arxiv).")
            }
        }
        let now = clock()
        return try await community.submit(paperID: id, day: Day(secondsSinceEpoch: now.timeIntervalSince1970),
                                          by: user.ref, at: now)
    }
}

struct SubmitPageView {
    var layout = LayoutView(title: "Submit a paper")
    var input = ""
    var error: String?
}

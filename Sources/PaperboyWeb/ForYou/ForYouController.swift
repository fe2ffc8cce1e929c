import Foundation
import Hummingbird
import PaperboyCore
import PaperboyRecommend
import PaperboyStore

/// "For you" and the reader marks, for signed-in readers:
/// - `GET /papers/for-you` — the site's today (its newest day with entries) and that day's ISO week, ranked for the
///   reader by the ``Recommender`` with a why-line per card; at cold start the onboarding form is open. Anonymous
///   visitors are sent to sign in (and back). `private, no-store`: never in the answer cache or any other.
/// - `POST /papers/for-you/start` — onboarding: the checked and typed arXiv categories become category follows,
///   the pasted paper ids or URLs become upvotes; then back to the page. Nothing is stored if any of it is wrong.
/// - `POST /papers/{id}/read`, `POST /papers/{id}/not-interested` (`on=0` takes the mark off) — the cards' forms:
///   JSON `{"paper", "read", "notInterested"}` for the card script, else a redirect back (to the page's Undo after
///   "not interested" on this page).
struct ForYouController: Sendable {
    typealias Context = AppRequestContext
    let ranking: ForYouRanking
    let upvotes: UpvoteMarks
    let categories: CommonCategories
    let feedLinks: PrivateFeedLinks?
    let clock: Now
    let pages: PageRenderer
    static let path = "/papers/for-you"
    static let todaySize = 20
    static let weekSize = 30
    /// The most papers one onboarding form may upvote.
    static let maxSeeds = 50

    func register(on router: Router<Context>) {
        router.get("\(Self.path)", use: page)
        router.post("\(Self.path)/start", use: start)
        router.post("/papers/:id/read") { request, context in try await self.mark(.read, request, context) }
        router.post("/papers/:id/not-interested") { request, context in
            try await self.mark(.notInterested, request, context)
        }
    }

    @Sendable func page(_ request: Request, context: Context) async throws -> Response {
        guard let user = context.viewer else { return Redirect.toSignIn(then: Self.path) }
        let undo = try await undoView(request.uri.queryParameters.get("undo"), user: user)
        return try await render(user, context: context) { $0.undo = undo }
    }

    /// The page for `user`; `adjust` adds what one request has to say (an error, the form's text, an Undo).
    func render(_ user: User, context: Context, status: HTTPResponse.Status = .ok,
                adjust: (inout ForYouPageView) -> Void = { _ in }) async throws -> Response {
        let signals = try await ranking.signals(for: user)
        let today = try await ranking.today()
        var sections: [ForYouPageView.Section] = []
        var coldStart = signals.strength == 0
        if let today {
            let day = try RecommendationWindow(since: today, until: today.advanced(by: 1))
            let week = today.isoWeek
            let days = try RecommendationWindow(since: week.firstDay, until: week.lastDay.advanced(by: 1))
            let todays = try await ranking.rank(signals, in: day, limit: Self.todaySize)
            let seen = Set(todays.items.map(\.recommendation.paperID))
            let weeks = try await ranking.rank(signals, in: days, limit: Self.weekSize + seen.count)
            coldStart = todays.coldStart
            var cards = ForYouPageView.cards(todays.items, window: day)
                + ForYouPageView.cards(Array(weeks.items.filter { !seen.contains($0.recommendation.paperID) }
                    .prefix(Self.weekSize)), window: days)
            cards = try await upvotes.mark(cards, by: user)
            let split = todays.items.count
            sections = [
                .init(title: "Today", subtitle: Text.longDate(today), cards: Array(cards[..<split])),
                .init(title: "This week",
                      subtitle: "Week \(week.week), \(week.year) · \(Text.displayDate(week.firstDay)) – \(Text.displayDate(week.lastDay))",
                      cards: Array(cards[split...])),
            ]
        }
        var view = ForYouPageView(
            tabs: ForYouPageView.tabs(anchor: today),
            subheading: coldStart ? "Popular papers until you tell us what you like"
                : "Ranked for you from your upvotes, collections, follows and “not interested”",
            sections: sections, coldStart: coldStart,
            categories: try await categories.choices(ranking.recommender, followed: signals.followedCategories),
            feed: feedLinks?.urls(for: user.id))
        adjust(&view)
        var response = pages.render("for_you", view, visitor: context.visitor, status: status)
        response.headers[.cacheControl] = "private, no-store"
        return response
    }

    /// The Undo notice for a paper the reader just marked "not interested" (nothing when it is not so marked).
    private func undoView(_ raw: String?, user: User) async throws -> ForYouPageView.UndoView? {
        guard let raw, let id = try? PaperID(parsing: raw),
              try await upvotes.marks([id], by: user)[id]?.contains(.notInterested) == true,
              let detail = try await ranking.papers.paper(id) else { return nil }
        var card = PaperCardView(paper: detail.paper, upvotes: 0, comments: 0, day: nil, submitter: nil, rank: 0)
        card.back = Self.path
        return .init(id: id.rawValue, title: card.title, markPath: card.markPath)
    }

    @Sendable func start(_ request: Request, context: Context) async throws -> Response {
        guard let user = context.viewer else { return Redirect.toSignIn(then: Self.path) }
        var request = request
        let form = try await request.form()
        let typed = form["categories"] ?? "", pasted = form["papers"] ?? ""
        do {
            let follows = try Self.categories(checked: form.names(withPrefix: ForYouPageView.categoryField), typed: typed)
            let seeds = try await seedPapers(pasted)
            guard !follows.isEmpty || !seeds.isEmpty else {
                throw PaperboyError.invalid("Pick at least one category or paste a paper you liked.")
            }
            let now = clock()
            for follow in follows { try await ranking.delivery.setFollow(userID: user.id, follow, on: true, now: now) }
            for id in seeds { _ = try await ranking.community.setUpvote(userID: user.id, paperID: id, to: true, at: now) }
            return Redirect.to(Self.path)
        } catch let error as PaperboyError where error.code == .invalidInput || error.code == .notFound {
            return try await render(user, context: context, status: .badRequest) {
                $0.error = error.message
                $0.categoriesText = typed
                $0.papersText = pasted
            }
        }
    }

    /// Category follows from the checked boxes (`cat:<name>` fields) and the free text (commas or spaces).
    static func categories(checked: [String], typed: String) throws -> [Follow] {
        let names = checked.map { String($0.dropFirst(ForYouPageView.categoryField.count)) }
            + typed.split(whereSeparator: { $0 == "," || $0 == ";" || $0.isWhitespace }).map(String.init)
        var seen = Set<String>()
        return try names.filter { seen.insert($0).inserted }.map { try Follow(kind: .category, value: $0) }
    }

    /// The papers of pasted ids and links (any form `ArxivID` reads, or `local-…` ids), each known to the site.
    func seedPapers(_ text: String) async throws -> [PaperID] {
        var ids: [PaperID] = []
        var bad: [String] = []
        for token in text.split(whereSeparator: { $0 == "," || $0.isWhitespace }).map(String.init) {
            if let id = try? PaperID(parsing: token) { if !ids.contains(id) { ids.append(id) } } else { bad.append(token) }
        }
        guard bad.isEmpty else {
            throw PaperboyError.invalid("Not a paper id or arXiv link: \(bad.prefix(5).map { "'\($0.prefix(60))'" }.joined(separator: ", ")).")
        }
        guard ids.count <= Self.maxSeeds else { throw PaperboyError.invalid("Paste at most \(Self.maxSeeds) papers at once.") }
        let known = Set(try await ranking.papers.details(ids).map(\.paper.id))
        let unknown = ids.filter { !known.contains($0) }
        guard unknown.isEmpty else {
            throw PaperboyError.invalid("Not on this site (yet): \(unknown.prefix(5).map(\.rawValue).joined(separator: ", ")). Submit them first, or leave them out.")
        }
        return ids
    }

    func mark(_ mark: PaperMark, _ request: Request, _ context: Context) async throws -> Response {
        var request = request
        let form = try await request.form()
        let id = try context.paperIDParameter()
        let wantsJSON = request.headers[.accept]?.contains("application/json") == true
        guard let user = context.viewer else {
            if wantsJSON { throw PaperboyError.unauthorized("Sign in to mark papers.") }
            return Redirect.toSignIn(then: "/papers/\(id)")
        }
        let on = form["on"] != "0"
        try await ranking.community.setMark(mark, userID: user.id, paperID: id, on: on, at: clock())
        if wantsJSON {
            let marks = try await ranking.community.marks(userID: user.id, among: [id])[id] ?? []
            return try JSONResponse.make(MarkState(paper: id.rawValue, read: marks.contains(.read),
                                                   notInterested: marks.contains(.notInterested)))
        }
        let back = Redirect.safeLocalPath(form["back"]) ?? Self.refererPath(request) ?? "/papers/\(id)"
        if mark == .notInterested, on, back == Self.path || back.hasPrefix(Self.path + "?") {
            return Redirect.to("\(Self.path)?undo=\(id.rawValue.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: ".-"))) ?? "")")
        }
        return Redirect.to(back.contains("#") || back.hasPrefix("/papers/\(id)") ? back : back + "#paper-\(id)")
    }

    /// What the card script gets back.
    struct MarkState: Encodable {
        var paper: String
        var read: Bool
        var notInterested: Bool
    }

    /// The local path (and query) of the page that sent the form, from `Referer` (browsers send it to the same origin).
    static func refererPath(_ request: Request) -> String? {
        guard let referer = request.headers[.referer], let url = URL(string: referer), !url.path.isEmpty else { return nil }
        return Redirect.safeLocalPath(url.query.map { url.path + "?" + $0 } ?? url.path)
    }
}

import Foundation
import Hummingbird
import PaperboyCore
import PaperboyRecommend
import PaperboyStore

/// The "For you" API; every route needs `Authorization: Bearer <token>` (``BearerAuthMiddleware``: 401 JSON without):
/// - `GET /api/recommendations?limit=&since=YYYY-MM-DD&until=YYYY-MM-DD` — the token user's ranking of the papers
///   featured (or, never featured, published) on `since ≤ day < until`. Default window: the 7 days up to and
///   including the site's newest day; `until` alone means the 7 days before it, `since` alone up to the newest day
///   (or 7 days from `since` when that is later). `limit` 1–100 (20). Each element is shaped like a hit of HF's
///   `/api/papers/search` (`{"paper": {…}, "title", "summary", …}`) plus `"reason": {"kind", "text"}`, `"score"`
///   and `"isRead"`. Bad values answer 400 naming the parameter. `private, no-store`.
/// - `POST|DELETE /api/papers/{id}/not-interested`, `POST|DELETE /api/papers/{id}/read` — put a private mark on or
///   take it off; 204, 404 for unknown papers.
struct RecommendationsAPI: Sendable {
    typealias Context = AppRequestContext
    let ranking: ForYouRanking
    let accounts: any AccountStore
    let clock: Now

    func register(on router: Router<Context>) {
        let bearer = BearerAuthMiddleware<Context>(store: accounts, clock: clock)
        router.group("/api/recommendations").add(middleware: bearer).get(use: list)
        for (path, mark) in [("not-interested", PaperMark.notInterested), ("read", .read)] {
            router.group("/api/papers/:id/\(path)").add(middleware: bearer)
                .post { _, context in try await self.setMark(mark, true, context) }
                .delete { _, context in try await self.setMark(mark, false, context) }
        }
    }

    @Sendable func list(_ request: Request, context: Context) async throws -> Response {
        guard let user = context.tokenUser else { throw PaperboyError.unauthorized("An API token is required.") }
        let params = request.uri.queryParameters
        let limit = try SearchController<Context>.limit(params.get("limit"), default: 20, max: 100)
        let since = try Self.day(params.get("since"), name: "since")
        let until = try Self.day(params.get("until"), name: "until")
        let newest = try await ranking.today()
        let window = try Self.window(since: since, until: until,
                                     newest: newest ?? Day(secondsSinceEpoch: clock().timeIntervalSince1970))
        var items: [ForYouRanking.Item] = []
        if newest != nil {
            items = try await ranking.rank(try await ranking.signals(for: user), in: window, limit: limit).items
        }
        var response = try JSONResponse.make(items.map(RecommendationJSON.init))
        response.headers[.cacheControl] = "private, no-store"
        return response
    }

    func setMark(_ mark: PaperMark, _ on: Bool, _ context: Context) async throws -> Response {
        guard let user = context.tokenUser else { throw PaperboyError.unauthorized("An API token is required.") }
        let id = try context.paperIDParameter()
        try await ranking.community.setMark(mark, userID: user.id, paperID: id, on: on, at: clock())
        return Response(status: .noContent)
    }

    static func day(_ raw: String?, name: String) throws -> Day? {
        guard let raw else { return nil }
        do { return try Day(parsing: raw) } catch {
            throw PaperboyError.invalid("'\(name)' must be a day like 2025-06-03, got '\(raw.prefix(20))'.")
        }
    }

    /// The window of `since` and `until` (exclusive), defaults filled in around the site's `newest` day.
    static func window(since: Day?, until: Day?, newest: Day) throws -> RecommendationWindow {
        let afterNewest = newest.advanced(by: 1)
        let end = until ?? since.map { $0 < afterNewest ? afterNewest : $0.advanced(by: 7) } ?? afterNewest
        let start = since ?? end.advanced(by: -7)
        guard start < end else {
            throw PaperboyError.invalid("'since' (\(start)) must be before 'until' (\(end)); 'until' is exclusive.")
        }
        guard start.distance(to: end) <= 3_660 else {
            throw PaperboyError.invalid("'since' and 'until' may be at most 10 years apart.")
        }
        return try RecommendationWindow(since: start, until: end)
    }

    /// One recommendation: an HF search hit (``HFAPI/SearchResultJSON``) plus why it is there.
    struct RecommendationJSON: Encodable {
        var hit: HFAPI.SearchResultJSON
        var reason: Reason
        var score: Float
        var isRead: Bool

        struct Reason: Encodable {
            var kind: String
            var text: String
        }

        init(_ item: ForYouRanking.Item) {
            hit = HFAPI.SearchResultJSON(detail: item.detail)
            reason = Reason(kind: item.recommendation.reason.kind, text: item.recommendation.reason.text)
            score = item.recommendation.score.isFinite ? item.recommendation.score : 0
            isRead = item.recommendation.isRead
        }

        enum Keys: String, CodingKey { case reason, score, isRead }

        /// The hit's fields and ours in one object.
        func encode(to encoder: any Encoder) throws {
            try hit.encode(to: encoder)
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(reason, forKey: .reason)
            try container.encode(score, forKey: .score)
            try container.encode(isRead, forKey: .isRead)
        }
    }
}

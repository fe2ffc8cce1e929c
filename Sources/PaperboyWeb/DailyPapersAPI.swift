import Foundation
import Hummingbird
import PaperboyCatalog
import PaperboyCore
import PaperboyStore

/// Hugging Face–compatible JSON API: `GET /api/daily_papers`, `GET /api/papers/{id}`, and the whole catalog
/// `GET /api/papers?limit=&cursor=` (keyset-paged, newest first). Paged answers carry an absolute
/// `Link: <…>; rel="next"` (``PageLinks``) while there is a next page.
struct DailyPapersAPI<Context: RequestContext>: Sendable {
    let papers: any PaperStore
    let catalog: SearchCatalog?
    let clock: Now
    /// The site's absolute URL (no trailing slash), for `Link` headers.
    let baseURL: String

    func register(on router: Router<Context>) {
        router.get("/api/daily_papers", use: dailyPapers)
        router.get("/api/papers", use: catalogPage)
        router.get("/api/papers/:id", use: paper)
    }

    /// Without a date, week or month, `sort=publishedAt` pages through every entry, newest day first, and
    /// `sort=trending` ranks the current trending window. Within a day entries keep the source's order.
    /// `organization=` (ours: HF's client names no such filter) keeps an organisation's papers; `q=` those matching
    /// a search query (``ListFilter``).
    @Sendable func dailyPapers(_ request: Request, context: Context) async throws -> Response {
        var query: [String: String] = [:]
        for (key, value) in request.uri.queryParameters { query[String(key)] = String(value) }
        let params = try DailyPapersParameters(query)
        let filter = try ListFilter(request, catalog: catalog)
        let bounds = try await papers.dayBounds()
        let now = Trending.referenceNow(clock: clock(), newestDay: bounds?.upperBound)
        var days = params.period?.days
        if days == nil, params.sort == .trending { days = Trending.candidateDays(now: now) }
        let page = try await papers.feed(FeedQuery(
            days: days, submitter: params.submitter, organization: params.organization, paperIDs: filter.paperIDs,
            sort: params.sort, limit: params.limit, offset: params.page * params.limit, now: now))
        let response = try JSONResponse.make(page.items.map(HFAPI.DailyEntryJSON.init))
        guard (params.page + 1) * params.limit < page.total, params.page < DailyPapersParameters.maxPage else {
            return response
        }
        return PageLinks.withNext(response, baseURL: baseURL, path: "/api/daily_papers",
                                  query: PageLinks.replacing("p", with: String(params.page + 1), in: request))
    }

    /// `GET /api/papers?limit=&cursor=`: every paper, newest `publishedAt` first (undated last), then id; `limit`
    /// 1–100 (50); `cursor` is the opaque position from the previous page's `Link` (``CatalogCursor``). Keyset
    /// paging: papers added while a client pages never repeat or shift a page. A list of HF paper objects.
    @Sendable func catalogPage(_ request: Request, context: Context) async throws -> Response {
        let params = request.uri.queryParameters
        let limit = try SearchController<AppRequestContext>.limit(params.get("limit"), default: 50,
                                                                  max: DailyPapersParameters.maxLimit)
        let cursor = try params.get("cursor").map { raw throws(PaperboyError) in try CatalogCursor(token: raw) }
        let found = try await papers.latestPapers(after: cursor, limit: limit + 1)
        let shown = found.prefix(limit)
        let response = try JSONResponse.make(shown.map { detail in
            HFAPI.PaperJSON(detail.paper, upvotes: detail.upvotes, entry: detail.entries.first,
                            numComments: detail.comments)
        })
        guard found.count > limit, let last = shown.last else { return response }
        return PageLinks.withNext(response, baseURL: baseURL, path: "/api/papers",
                                  query: [("limit", String(limit)), ("cursor", CatalogCursor(after: last.paper).token)])
    }

    @Sendable func paper(_ request: Request, context: Context) async throws -> Response {
        let raw = try context.parameters.require("id")
        let id: PaperID
        do { id = try PaperID(parsing: raw) } catch {
            throw PaperboyError.notFound("'\(raw.prefix(60))' is not a known paper id.")
        }
        guard let detail = try await papers.paper(id) else {
            throw PaperboyError.notFound("Paper \(id) not found.")
        }
        let json = HFAPI.PaperJSON(detail.paper, upvotes: detail.upvotes, entry: detail.entries.first,
                                   numComments: detail.comments)
        return try JSONResponse.make(json)
    }
}

/// The parameters of `GET /api/daily_papers`, validated.
struct DailyPapersParameters: Equatable {
    var page = 0
    var limit = 50
    var period: Period?
    var submitter: String?
    /// Ours (HF's `list_daily_papers` has no such parameter): only this organisation's papers.
    var organization: String?
    var sort: FeedSort = .publishedAt

    static let maxLimit = 100
    static let maxPage = 100_000

    init(_ query: [String: String]) throws(PaperboyError) {
        if let raw = query["p"] {
            guard let p = Int(raw), p >= 0, p <= Self.maxPage else {
                throw .invalid("'p' must be a page number ≥ 0, got '\(raw.prefix(20))'.")
            }
            page = p
        }
        if let raw = query["limit"] {
            guard let l = Int(raw), (1...Self.maxLimit).contains(l) else {
                throw .invalid("'limit' must be between 1 and \(Self.maxLimit), got '\(raw.prefix(20))'.")
            }
            limit = l
        }
        let periods = ["date", "week", "month"].filter { query[$0] != nil }
        guard periods.count <= 1 else {
            throw .invalid("Give at most one of 'date', 'week' and 'month' (got \(periods.joined(separator: ", "))).")
        }
        if let raw = query["date"] { period = .day(try Day(parsing: raw)) }
        if let raw = query["week"] { period = .week(try ISOWeek(parsing: raw)) }
        if let raw = query["month"] { period = .month(try Month(parsing: raw)) }
        if let raw = query["submitter"] {
            guard (1...64).contains(raw.count), raw.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) })
            else { throw .invalid("'submitter' must be a username (letters, digits, '-', '_', '.').") }
            submitter = raw
        }
        if let raw = query["organization"] {
            guard OrganizationController<AppRequestContext>.isPlausibleName(raw) else {
                throw .invalid("'organization' must be an organisation name (1–96 letters, digits, '-', '_', '.').")
            }
            organization = raw
        }
        if let raw = query["sort"] {
            switch raw {
            case "publishedAt": sort = .publishedAt
            case "trending": sort = .trending
            default: throw .invalid("'sort' must be 'publishedAt' or 'trending', got '\(raw.prefix(20))'.")
            }
        }
    }
}

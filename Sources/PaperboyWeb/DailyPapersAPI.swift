import Foundation
import Hummingbird
import PaperboyCore
import PaperboyStore

/// Hugging Face–compatible JSON API: `GET /api/daily_papers`, `GET /api/papers/{id}`.
struct DailyPapersAPI<Context: RequestContext>: Sendable {
    let papers: any PaperStore
    let clock: Now

    func register(on router: Router<Context>) {
        router.get("/api/daily_papers", use: dailyPapers)
        router.get("/api/papers/:id", use: paper)
    }

    /// Without a date, week or month, `sort=publishedAt` pages through every entry, newest day first, and
    /// `sort=trending` ranks the current trending window. Within a day entries keep the source's order.
    @Sendable func dailyPapers(_ request: Request, context: Context) async throws -> Response {
        var query: [String: String] = [:]
        for (key, value) in request.uri.queryParameters { query[String(key)] = String(value) }
        let params = try DailyPapersParameters(query)
        let bounds = try await papers.dayBounds()
        let now = Trending.referenceNow(clock: clock(), newestDay: bounds?.upperBound)
        var days = params.period?.days
        if days == nil, params.sort == .trending { days = Trending.candidateDays(now: now) }
        let page = try await papers.feed(FeedQuery(
            days: days, submitter: params.submitter, sort: params.sort, limit: params.limit,
            offset: params.page * params.limit, now: now))
        return try JSONResponse.make(page.items.map(HFAPI.DailyEntryJSON.init))
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
    var sort: FeedSort = .publishedAt

    static let maxLimit = 100

    init(_ query: [String: String]) throws(PaperboyError) {
        if let raw = query["p"] {
            guard let p = Int(raw), p >= 0, p <= 100_000 else {
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
        if let raw = query["sort"] {
            switch raw {
            case "publishedAt": sort = .publishedAt
            case "trending": sort = .trending
            default: throw .invalid("'sort' must be 'publishedAt' or 'trending', got '\(raw.prefix(20))'.")
            }
        }
    }
}

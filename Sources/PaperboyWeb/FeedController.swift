import Foundation
import Hummingbird
import PaperboyCatalog
import PaperboyCore
import PaperboyStore

/// HTML list pages: `/`, `/papers/date/…`, `/papers/week/…`, `/papers/month/…`, `/papers/trending`, each
/// narrowed by `?q=` (``ListFilter``) and paged by `?p=`.
struct FeedController<Context: CommunityRequestContext>: Sendable {
    let papers: any PaperStore
    let catalog: SearchCatalog?
    let personal: PersonalPages
    let clock: Now
    let pages: PageRenderer

    func register(on router: Router<Context>) {
        router.get("/", use: home)
        router.get("/papers", use: home)
        router.get("/papers/date/:date", use: day)
        router.get("/papers/week/:week", use: week)
        router.get("/papers/month/:month", use: month)
        router.get("/papers/trending", use: trending)
    }

    @Sendable func home(_ request: Request, context: Context) async throws -> Response {
        guard let bounds = try await papers.dayBounds() else {
            return pages.render("empty", EmptyView(), visitor: context.visitor)
        }
        return try await render(.day(bounds.upperBound), request: request, context: context)
    }

    @Sendable func day(_ request: Request, context: Context) async throws -> Response {
        try await render(.day(try Day(parsing: context.parameters.require("date"))), request: request, context: context)
    }

    @Sendable func week(_ request: Request, context: Context) async throws -> Response {
        try await render(.week(try ISOWeek(parsing: context.parameters.require("week"))), request: request, context: context)
    }

    @Sendable func month(_ request: Request, context: Context) async throws -> Response {
        try await render(.month(try Month(parsing: context.parameters.require("month"))), request: request, context: context)
    }

    @Sendable func trending(_ request: Request, context: Context) async throws -> Response {
        let pageNumber = try Self.pageNumber(request)
        let filter = try ListFilter(request, catalog: catalog)
        return try await personal.respond("feed", request: request, context: context) {
            let bounds = try await papers.dayBounds()
            let now = Trending.referenceNow(clock: clock(), newestDay: bounds?.upperBound)
            let page = try await papers.feed(FeedQuery(
                days: Trending.candidateDays(now: now), paperIDs: filter.paperIDs, sort: .trending,
                limit: FeedPageView.pageSize, offset: pageNumber * FeedPageView.pageSize, now: now))
            return FeedPageView(period: nil, page: page, pageNumber: pageNumber, basePath: "/papers/trending",
                                previous: nil, next: nil, anchor: bounds?.upperBound, filter: filter.text)
        }
    }

    private func render(_ period: Period, request: Request, context: Context) async throws -> Response {
        let pageNumber = try Self.pageNumber(request)
        let filter = try ListFilter(request, catalog: catalog)
        return try await personal.respond("feed", request: request, context: context) {
            let page = try await papers.feed(FeedQuery(
                days: period.days, paperIDs: filter.paperIDs, sort: .upvotes, limit: FeedPageView.pageSize,
                offset: pageNumber * FeedPageView.pageSize, now: clock()))
            let (previous, next) = try await neighbours(of: period)
            let anchor: Day
            switch period {
            case .day(let d): anchor = d
            default: anchor = period.days.lowerBound
            }
            return FeedPageView(period: period, page: page, pageNumber: pageNumber,
                                basePath: FeedPageView.path(for: period), previous: previous, next: next, anchor: anchor,
                                filter: filter.text)
        }
    }

    /// Days step to the nearest day with papers (weekends are empty); weeks and months step by one while
    /// they still overlap the data.
    private func neighbours(of period: Period) async throws -> (Period?, Period?) {
        switch period {
        case .day(let d):
            let (previous, next) = try await papers.neighbours(of: d)
            return (previous.map(Period.day), next.map(Period.day))
        case .week, .month:
            guard let bounds = try await papers.dayBounds() else { return (nil, nil) }
            let previous = period.previous.days.upperBound >= bounds.lowerBound ? period.previous : nil
            let next = period.next.days.lowerBound <= bounds.upperBound ? period.next : nil
            return (previous, next)
        }
    }

    static func pageNumber(_ request: Request) throws -> Int {
        guard let raw = request.uri.queryParameters.get("p") else { return 0 }
        guard let p = Int(raw), (0...10_000).contains(p) else {
            throw PaperboyError.invalid("Page number '\(raw.prefix(20))' must be a whole number from 0 to 10000.")
        }
        return p
    }

    struct EmptyView {
        var layout = LayoutView(title: "Daily Papers")
    }
}

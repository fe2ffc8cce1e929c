import Foundation
import PaperboyCore
import PaperboyStore

/// The daily / weekly / monthly / trending list page, and an organisation's papers (`/{org}/papers`) in the same
/// layout. Every list has a filter box (`?q=`, the search's query language); the filter is kept in the tabs,
/// the previous/next period links and the paging links.
struct FeedPageView {
    var layout: LayoutView
    var heading: String
    var subheading: String
    /// The organisation's avatar on its page.
    var avatarURL: String?
    var tabs: [Tab]
    var previous: NavLink?
    var next: NavLink?
    var cards: [PaperCardView]
    var empty: Bool
    var total: Int
    var pagination: Pagination?
    /// The list filter as typed (`""` when none) and where its form goes (the list's own path).
    var filter: String
    var filterAction: String
    /// Stored, not computed: the templates read values by reflection.
    var filtered: Bool
    var showTabs = false

    struct Tab {
        var label: String
        var href: String
        var active: Bool
    }

    struct NavLink {
        var href: String
        var label: String
    }

    struct Pagination {
        var previousHref: String?
        var nextHref: String?
        var label: String
    }

    static let pageSize = 50

    /// Builds the page for a period (`nil` period = trending), filtered by `filter` (`""` for none).
    init(period: Period?, page: FeedPage, pageNumber: Int, basePath: String, previous: Period?, next: Period?,
         anchor: Day?, filter: String = "") {
        let label: String
        switch period {
        case .day(let d)?: label = Text.longDate(d)
        case .week(let w)?: label = "Week \(w.week), \(w.year) · \(Text.displayDate(w.firstDay)) – \(Text.displayDate(w.lastDay))"
        case .month(let m)?: label = m.displayName
        case nil: label = "Trending"
        }
        let keep = { (path: String) in PageLinks.href(path, [("q", filter)]) }
        let day = anchor ?? Day(daysSinceEpoch: 0)
        self.init(
            layout: LayoutView(title: period == nil ? "Trending papers" : "Daily Papers · \(label)"),
            heading: period == nil ? "Trending papers" : "Daily Papers",
            subheading: period == nil ? "Most upvoted recently, with newer papers weighted up" : label,
            page: page, pageNumber: pageNumber, basePath: basePath, filter: filter)
        tabs = [
            Tab(label: "Day", href: keep("/papers/date/\(day)"), active: { if case .day? = period { return true }; return false }()),
            Tab(label: "Week", href: keep("/papers/week/\(day.isoWeek)"), active: { if case .week? = period { return true }; return false }()),
            Tab(label: "Month", href: keep("/papers/month/\(day.month)"), active: { if case .month? = period { return true }; return false }()),
            Tab(label: "Trending", href: keep("/papers/trending"), active: period == nil),
        ]
        self.previous = previous.map { NavLink(href: keep(FeedPageView.path(for: $0)), label: "← \(FeedPageView.short($0))") }
        self.next = next.map { NavLink(href: keep(FeedPageView.path(for: $0)), label: "\(FeedPageView.short($0)) →") }
        showTabs = true
    }

    /// An organisation's papers, newest day first: its full name, its avatar, its `name` as the subheading.
    init(organization: Organization, page: FeedPage, pageNumber: Int, filter: String = "") {
        let title = organization.fullname ?? organization.name
        self.init(layout: LayoutView(title: "\(title) · Papers"), heading: title,
                  subheading: "Papers from \(organization.name) · \(page.total) on the daily lists",
                  page: page, pageNumber: pageNumber, basePath: Self.path(for: organization), filter: filter)
        avatarURL = organization.avatarURL
    }

    private init(layout: LayoutView, heading: String, subheading: String, page: FeedPage, pageNumber: Int,
                 basePath: String, filter: String) {
        self.layout = layout
        self.heading = heading
        self.subheading = subheading
        tabs = []
        self.filter = filter
        filtered = !filter.isEmpty
        filterAction = basePath
        let offset = pageNumber * FeedPageView.pageSize
        cards = page.items.enumerated().map { PaperCardView($1, rank: offset + $0 + 1) }
        empty = page.items.isEmpty
        total = page.total
        let pages = (page.total + FeedPageView.pageSize - 1) / FeedPageView.pageSize
        if pages > 1 {
            let href = { (p: Int) in PageLinks.href(basePath, [("q", filter), ("p", String(p))]) }
            pagination = Pagination(
                previousHref: pageNumber > 0 ? href(pageNumber - 1) : nil,
                nextHref: pageNumber + 1 < pages ? href(pageNumber + 1) : nil,
                label: "Page \(pageNumber + 1) of \(pages)")
        }
    }

    static func path(for period: Period) -> String {
        switch period {
        case .day(let d): return "/papers/date/\(d)"
        case .week(let w): return "/papers/week/\(w)"
        case .month(let m): return "/papers/month/\(m)"
        }
    }

    /// `/{name}/papers`, the name percent-encoded as a path segment.
    static func path(for organization: Organization) -> String {
        "/\(PageLinks.encode(organization.name))/papers"
    }

    static func short(_ period: Period) -> String {
        switch period {
        case .day(let d): return Text.displayDate(d)
        case .week(let w): return "Week \(w.week)"
        case .month(let m): return m.displayName
        }
    }
}

import Foundation
import PaperboyCore
import PaperboyStore

/// The daily / weekly / monthly / trending list page.
struct FeedPageView {
    var layout: LayoutView
    var heading: String
    var subheading: String
    var tabs: [Tab]
    var previous: NavLink?
    var next: NavLink?
    var cards: [PaperCardView]
    var empty: Bool
    var total: Int
    var pagination: Pagination?

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

    /// Builds the page for a period (`nil` period = trending).
    init(period: Period?, page: FeedPage, pageNumber: Int, basePath: String, previous: Period?, next: Period?,
         anchor: Day?) {
        let label: String
        switch period {
        case .day(let d)?: label = Text.longDate(d)
        case .week(let w)?: label = "Week \(w.week), \(w.year) · \(Text.displayDate(w.firstDay)) – \(Text.displayDate(w.lastDay))"
        case .month(let m)?: label = m.displayName
        case nil: label = "Trending"
        }
        layout = LayoutView(title: period == nil ? "Trending papers" : "Daily Papers · \(label)")
        heading = period == nil ? "Trending papers" : "Daily Papers"
        subheading = period == nil ? "Most upvoted recently, with newer papers weighted up" : label
        let day = anchor ?? Day(daysSinceEpoch: 0)
        tabs = [
            Tab(label: "Day", href: "/papers/date/\(day)", active: { if case .day? = period { return true }; return false }()),
            Tab(label: "Week", href: "/papers/week/\(day.isoWeek)", active: { if case .week? = period { return true }; return false }()),
            Tab(label: "Month", href: "/papers/month/\(day.month)", active: { if case .month? = period { return true }; return false }()),
            Tab(label: "Trending", href: "/papers/trending", active: period == nil),
        ]
        self.previous = previous.map { NavLink(href: FeedPageView.path(for: $0), label: "← \(FeedPageView.short($0))") }
        self.next = next.map { NavLink(href: FeedPageView.path(for: $0), label: "\(FeedPageView.short($0)) →") }
        let offset = pageNumber * FeedPageView.pageSize
        cards = page.items.enumerated().map { PaperCardView($1, rank: offset + $0 + 1) }
        empty = page.items.isEmpty
        total = page.total
        let pages = (page.total + FeedPageView.pageSize - 1) / FeedPageView.pageSize
        if pages > 1 {
            pagination = Pagination(
                previousHref: pageNumber > 0 ? "\(basePath)?p=\(pageNumber - 1)" : nil,
                nextHref: pageNumber + 1 < pages ? "\(basePath)?p=\(pageNumber + 1)" : nil,
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

    static func short(_ period: Period) -> String {
        switch period {
        case .day(let d): return Text.displayDate(d)
        case .week(let w): return "Week \(w.week)"
        case .month(let m): return m.displayName
        }
    }
}

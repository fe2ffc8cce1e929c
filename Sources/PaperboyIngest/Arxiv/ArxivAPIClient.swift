import Foundation
import PaperboyCore

/// A query to arXiv's Atom API (`export.arxiv.org/api/query`).
public struct ArxivQuery: Sendable, Equatable {
    public enum SortBy: String, Sendable { case relevance, lastUpdatedDate, submittedDate }
    public enum SortOrder: String, Sendable { case ascending, descending }

    /// `search_query` (`cat:cs.LG AND submittedDate:[202611010000 TO 202611302359]`); may be empty with `ids`.
    public var search: String
    /// `id_list`.
    public var ids: [String]
    public var sortBy: SortBy?
    public var sortOrder: SortOrder?

    public init(search: String = "", ids: [String] = [], sortBy: SortBy? = nil, sortOrder: SortOrder? = nil) {
        self.search = search
        self.ids = ids
        self.sortBy = sortBy
        self.sortOrder = sortOrder
    }

    /// Papers submitted to any of `categories` between the start of `since` and the end of `until` (UTC),
    /// oldest first: new submissions land at the end, so paging stays stable while a harvest runs.
    public static func submitted(categories: [String], since: Day, until: Day) -> ArxivQuery {
        let cats = categories.map { "cat:\($0)" }.joined(separator: " OR ")
        let range = "submittedDate:[\(stamp(since))0000 TO \(stamp(until))2359]"
        return ArxivQuery(search: "(\(cats)) AND \(range)", sortBy: .submittedDate, sortOrder: .ascending)
    }

    static func stamp(_ day: Day) -> String { String(day.yyyymmdd) }

    /// A stable name for this query, used as its harvest-position key.
    public var key: String {
        "api|\(search)|\(ids.joined(separator: ","))|\(sortBy?.rawValue ?? "")|\(sortOrder?.rawValue ?? "")"
    }

    /// The request URL for one page.
    public func url(base: URL, start: Int, maxResults: Int) -> URL {
        var components = URLComponents(url: base, resolvingAgainstBaseURL: false) ?? URLComponents()
        var items = components.queryItems ?? []
        if !search.isEmpty { items.append(URLQueryItem(name: "search_query", value: search)) }
        if !ids.isEmpty { items.append(URLQueryItem(name: "id_list", value: ids.joined(separator: ","))) }
        items.append(URLQueryItem(name: "start", value: String(start)))
        items.append(URLQueryItem(name: "max_results", value: String(maxResults)))
        if let sortBy { items.append(URLQueryItem(name: "sortBy", value: sortBy.rawValue)) }
        if let sortOrder { items.append(URLQueryItem(name: "sortOrder", value: sortOrder.rawValue)) }
        components.queryItems = items
        // '+' means a space to arXiv's query parser; encode it so "a+b" stays literal.
        components.percentEncodedQuery = components.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        return components.url ?? base
    }
}

/// arXiv's Atom API: single pages, whole result sets page by page, papers by id.
public struct ArxivAPIClient: Sendable {
    public let http: PoliteFetcher
    /// Records per request (arXiv allows up to 2,000; smaller pages fail less).
    public var pageSize: Int
    /// Tries and timeout per request when someone waits for the answer; `nil` uses the settings' (harvests).
    public var attempts: Int?
    public var timeout: Duration?

    public init(http: PoliteFetcher, pageSize: Int = 200, attempts: Int? = nil, timeout: Duration? = nil) {
        self.http = http
        self.pageSize = max(1, pageSize)
        self.attempts = attempts
        self.timeout = timeout
    }

    /// A client for interactive use (submit by id): two tries, 20 s each, so a request fails within a minute.
    public static func interactive(http: PoliteFetcher) -> ArxivAPIClient {
        ArxivAPIClient(http: http, pageSize: 10, attempts: 2, timeout: .seconds(20))
    }

    /// One page of `query` from offset `start`.
    public func page(_ query: ArxivQuery, start: Int, maxResults: Int? = nil) async throws -> AtomFeed {
        let url = query.url(base: http.settings.apiURL, start: start, maxResults: maxResults ?? pageSize)
        let data = try await http.fetchXML(url, what: "The arXiv API page at offset \(start)", attempts: attempts, timeout: timeout)
        return try AtomFeed.parse(data, what: "The arXiv API page at offset \(start)")
    }

    /// The records for `ids` (any id form); ids arXiv does not know are simply absent.
    public func records(ids: [ArxivID]) async throws -> [ArxivRecord] {
        guard !ids.isEmpty else { return [] }
        let feed = try await page(ArxivQuery(ids: ids.map(\.base)), start: 0, maxResults: ids.count)
        return feed.entries
    }

    /// Walks every page of `query` from `start`, calling `body` with each page and the offset after it, until
    /// `opensearch:totalResults` is reached or a page comes back empty. `body` stores the page; if it throws,
    /// the walk stops there.
    public func pages(_ query: ArxivQuery, from start: Int = 0,
                      _ body: (_ page: AtomFeed, _ next: Int, _ isLast: Bool) async throws -> Void) async throws {
        var offset = start
        while true {
            try Task.checkCancellation()
            let feed = try await page(query, start: offset)
            let next = offset + feed.entries.count
            let total = feed.totalResults ?? next
            let isLast = feed.entries.isEmpty || next >= total
            try await body(feed, next, isLast)
            if isLast { return }
            offset = next
        }
    }
}

import Foundation
import MCP
import PaperboyCatalog
import PaperboyCore
import PaperboyStore

/// The four tools. Each reads and checks its arguments (``ToolArguments``), then calls the code the site uses.
extension PaperTools {
    /// `search_papers {query, limit?, mode?}` — the site's search, best first.
    func searchPapers(_ arguments: [String: Value]?) async throws -> CallTool.Result {
        let args = try ToolArguments(arguments, tool: Name.searchPapers.rawValue, allowed: ["query", "limit", "mode"])
        let query = try args.requiredString("query")
        let limit = try args.integer("limit", in: 1...Limits.search, default: 10)
        var mode: SearchMode?
        if let raw = try args.string("mode", maxLength: 20) {
            guard let parsed = SearchMode(rawValue: raw.lowercased()) else {
                throw ToolFailure("'mode' must be lexical, semantic or hybrid, got '\(raw)'.")
            }
            mode = parsed
        }
        let catalog = try requireCatalog()
        let results = try await catalog.search(CatalogQuery(text: query, limit: limit, mode: mode))
        return try Self.answer(SearchAnswer(
            query: query, mode: results.mode.rawValue, total: results.total,
            results: results.hits.map { PaperSummary($0.detail, siteURL: siteURL) }, warnings: results.warnings))
    }

    /// `get_paper {id}` — the paper's Markdown page, the text of `GET /papers/{id}.md`.
    func getPaper(_ arguments: [String: Value]?) async throws -> CallTool.Result {
        let args = try ToolArguments(arguments, tool: Name.getPaper.rawValue, allowed: ["id"])
        let id = try args.paperID()
        return CallTool.Result(content: [.text(text: try await markdown(of: id), annotations: nil, _meta: nil)])
    }

    /// `daily_papers {date|week|month?, limit?}` — a day, ISO week or month of the daily lists, most upvoted
    /// first as on the site's pages; without a period, the newest day that has papers (the home page).
    func dailyPapers(_ arguments: [String: Value]?) async throws -> CallTool.Result {
        let args = try ToolArguments(arguments, tool: Name.dailyPapers.rawValue, allowed: ["date", "week", "month", "limit"])
        let limit = try args.integer("limit", in: 1...Limits.daily, default: 20)
        let given = try ["date", "week", "month"].compactMap { (name: String) throws(ToolFailure) -> (String, String)? in
            try args.string(name, maxLength: 20).map { (name, $0) }
        }
        guard given.count <= 1 else {
            throw ToolFailure("Give at most one of 'date', 'week' and 'month' (got \(given.map(\.0).joined(separator: ", "))).")
        }
        let period: Period
        do {
            switch given.first {
            case ("date", let raw)?: period = .day(try Day(parsing: raw))
            case ("week", let raw)?: period = .week(try ISOWeek(parsing: raw))
            case (_, let raw)?: period = .month(try Month(parsing: raw))
            case nil:
                guard let bounds = try await papers.dayBounds() else {
                    return try Self.answer(DailyAnswer(period: nil, total: 0, papers: []))
                }
                period = .day(bounds.upperBound)
            }
        } catch let error as PaperboyError {
            throw ToolFailure(error.message)
        }
        let page = try await papers.feed(FeedQuery(days: period.days, sort: .upvotes, limit: limit))
        let summaries = page.items.map { item in
            PaperSummary(PaperDetail(paper: item.paper, upvotes: item.upvotes, comments: item.comments, entries: [item.entry]),
                         siteURL: siteURL, featuredOn: item.entry.day)
        }
        return try Self.answer(DailyAnswer(period: period.description, total: page.total, papers: summaries))
    }

    /// `similar_papers {id, limit?}` — the catalog's nearest papers in meaning (a title search without vectors).
    func similarPapers(_ arguments: [String: Value]?) async throws -> CallTool.Result {
        let args = try ToolArguments(arguments, tool: Name.similarPapers.rawValue, allowed: ["id", "limit"])
        let id = try args.paperID()
        let limit = try args.integer("limit", in: 1...Limits.similar, default: 10)
        let catalog = try requireCatalog()
        guard try await papers.paper(id) != nil else { throw ToolFailure(Self.notHere(id)) }
        let hits = try await catalog.similar(to: id, limit: limit)
        return try Self.answer(SimilarAnswer(id: id.rawValue, results: hits.map { PaperSummary($0.detail, siteURL: siteURL) }))
    }

    /// The Markdown page of `id`; a ``ToolFailure`` when the site does not have it.
    func markdown(of id: PaperID) async throws -> String {
        guard let detail = try await papers.paper(id) else { throw ToolFailure(Self.notHere(id)) }
        return markdown(detail)
    }

    static func notHere(_ id: PaperID) -> String {
        "Paper \(id) is not on this site; search_papers finds the papers it has."
    }

    /// The largest `limit` each tool takes (the API's bounds: `/api/search` 100, `/api/daily_papers` 100,
    /// `/api/papers/{id}/similar` 50; search answers are kept to 50 here since every hit is sent whole).
    enum Limits {
        static let search = 50
        static let daily = 100
        static let similar = 50
    }
}

/// `search_papers`' answer.
struct SearchAnswer: Codable {
    var query: String
    /// The mode that ranked the results (the default is hybrid once papers have vectors, else lexical).
    var mode: String
    /// Papers matching the query in all (the results are the first `limit`).
    var total: Int
    var results: [PaperSummary]
    /// Notes for the caller: lenient parsing, phrase fallback, mode changes (as `/api/search` gives).
    var warnings: [String]
}

/// `daily_papers`' answer. `period` is `nil` only when the site has no daily lists at all.
struct DailyAnswer: Codable {
    var period: String?
    /// Entries in the period in all (the papers are the first `limit`).
    var total: Int
    var papers: [PaperSummary]
}

/// `similar_papers`' answer.
struct SimilarAnswer: Codable {
    var id: String
    var results: [PaperSummary]
}

import Foundation
import Hummingbird
import PaperboyCatalog
import PaperboyCore
import PaperboyFeeds
import PaperboyStore

/// RSS 2.0 and Atom feeds: the daily list (`/papers/feed.rss|atom`), trending (`/papers/trending/feed.*`), any
/// search (`/search/feed.*?q=`), an author (`/authors/{name}/feed.*`) and a category (`/categories/{cat}/feed.*`).
/// Responses carry a strong ETag and Last-Modified and answer conditional requests with 304.
struct FeedsController<Context: RequestContext>: Sendable {
    let papers: any PaperStore
    let catalog: SearchCatalog?
    let clock: Now
    let baseURL: String

    static var size: Int { 50 }

    func register(on router: Router<Context>) {
        for format in ["rss", "atom"] {
            router.get("/papers/feed.\(format)") { request, _ in try await self.daily(request, format) }
            router.get("/papers/trending/feed.\(format)") { request, _ in try await self.trending(request, format) }
            router.get("/search/feed.\(format)") { request, _ in try await self.search(request, format) }
            router.get("/authors/:name/feed.\(format)") { request, context in
                let raw = try context.parameters.require("name")
                let name = raw.removingPercentEncoding ?? raw
                return try await self.query(request, format, text: "author:\"\(Self.clean(name))\" sort:date",
                                            title: "Papers by \(name)", path: "/authors/\(Self.pathEscape(name))",
                                            site: "/search?q=" + Self.queryEscape("author:\"\(Self.clean(name))\""))
            }
            router.get("/categories/:category/feed.\(format)") { request, context in
                let category = try context.parameters.require("category")
                guard category.count <= 40, category.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" }) else {
                    throw PaperboyError.invalid("'\(category.prefix(40))' is not a category name (e.g. cs.CL).")
                }
                return try await self.query(request, format, text: "cat:\(category) sort:date", title: "Papers in \(category)",
                                            path: "/categories/\(category)", site: "/search?q=" + Self.queryEscape("cat:\(category)"))
            }
        }
    }

    func daily(_ request: Request, _ format: String) async throws -> Response {
        let bounds = try await papers.dayBounds()
        var items: [FeedItem] = []
        if let b = bounds {
            items = try await papers.feed(FeedQuery(days: b.upperBound...b.upperBound, sort: .upvotes, limit: Self.size,
                                                        now: clock())).items
        }
        let label = bounds.map { "Daily papers of \($0.upperBound)" } ?? "Daily papers"
        return respond(request, format, document(title: label, subtitle: "The day's papers, ranked by the community.",
                                                 path: "/papers", site: "/", entries: items.map(entry)))
    }

    func trending(_ request: Request, _ format: String) async throws -> Response {
        let bounds = try await papers.dayBounds()
        let now = Trending.referenceNow(clock: clock(), newestDay: bounds?.upperBound)
        let items = try await papers.feed(FeedQuery(days: Trending.candidateDays(now: now), sort: .trending,
                                                        limit: Self.size, now: now)).items
        return respond(request, format, document(title: "Trending papers", subtitle: "Popular papers of the last 7 days.",
                                                 path: "/papers/trending", site: "/papers/trending", entries: items.map(entry)))
    }

    func search(_ request: Request, _ format: String) async throws -> Response {
        guard let q = request.formQuery["q"], !q.isBlank else { throw PaperboyError.invalid("'q' is required.") }
        return try await query(request, format, text: q, title: "Search: \(q)", path: "/search",
                               site: "/search?q=" + Self.queryEscape(q), selfQuery: "?q=" + Self.queryEscape(q))
    }

    func query(_ request: Request, _ format: String, text: String, title: String, path: String, site: String,
               selfQuery: String = "") async throws -> Response {
        guard let catalog = catalog else { throw PaperboyError(.configuration, "Search is not available.") }
        // A feed has nowhere to show the phrase-fallback note, so its phrases stay phrases.
        let results = try await catalog.search(CatalogQuery(text: text, limit: Self.size, mode: .lexical,
                                                            phraseFallback: false))
        let entries = results.hits.map { hit in
            entry(paper: hit.detail.paper, upvotes: hit.detail.upvotes, featured: hit.detail.entries.last?.submittedAt)
        }
        return respond(request, format, document(title: title, subtitle: "\(results.total) papers match \(text).",
                                                 path: path, site: site, entries: entries, selfQuery: selfQuery))
    }

    func entry(_ item: FeedItem) -> FeedEntry {
        entry(paper: item.paper, upvotes: item.upvotes,
              featured: item.entry.submittedAt ?? Date(timeIntervalSince1970: item.entry.day.secondsSinceEpoch))
    }

    func entry(paper p: Paper, upvotes: Int, featured: Date?) -> FeedEntry {
        let url = "\(baseURL)/papers/\(p.id.rawValue)"
        let published = p.publishedAt ?? featured ?? Date(timeIntervalSince1970: 0)
        let updated = [published, p.updatedAt, featured].compactMap { $0 }.max() ?? published
        return FeedEntry(id: url, title: Text.collapse(p.title), url: url,
                         summary: Text.collapse(p.aiSummary ?? p.abstract) + " (▲ \(upvotes))",
                         authors: p.visibleAuthors.map(\.name), categories: p.categories,
                         published: published, updated: updated)
    }

    func document(title: String, subtitle: String, path: String, site: String, entries: [FeedEntry],
                  selfQuery: String = "") -> FeedDocument {
        FeedDocument(title: "\(title) · Paperboy", subtitle: subtitle, selfURL: "\(baseURL)\(path)/feed.atom\(selfQuery)",
                     siteURL: "\(baseURL)\(site)", id: "\(baseURL)\(path)/feed\(selfQuery)",
                     updated: entries.map(\.updated).max() ?? Date(timeIntervalSince1970: 0), items: entries)
    }

    func respond(_ request: Request, _ format: String, _ feed: FeedDocument) -> Response {
        var feed = feed
        if format == "rss" { feed.selfURL = feed.selfURL.replacingOccurrences(of: "/feed.atom", with: "/feed.rss") }
        let bytes = format == "rss" ? RSSWriter().data(feed) : AtomWriter().data(feed)
        let validators = FeedCacheValidators(bytes: bytes, feed: feed)
        var headers: HTTPFields = [
            .contentType: format == "rss" ? "application/rss+xml; charset=utf-8" : "application/atom+xml; charset=utf-8",
            .eTag: validators.etag, .lastModified: validators.lastModifiedHeader, .cacheControl: "public, max-age=300",
        ]
        if validators.isNotModified(ifNoneMatch: request.headers[.ifNoneMatch], ifModifiedSince: request.headers[.ifModifiedSince]) {
            headers[.contentType] = nil
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func clean(_ s: String) -> String { s.replacingOccurrences(of: "\"", with: " ") }

    static func queryEscape(_ s: String) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&+=?#")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    static func pathEscape(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? ""
    }
}

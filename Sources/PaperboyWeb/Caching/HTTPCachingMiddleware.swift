import Crypto
import Foundation
import Hummingbird
import NIOCore
import PaperboyCore

/// HTTP caching for the whole site, between the session layer and the routes.
///
/// - **Shared answers** (a GET with no session, no signed-in user and no `Authorization`) of the routes in
///   ``cacheableRoutes`` are kept in the ``ResponseCache`` under (path, normalised query, ``DataVersion``), with a
///   strong `ETag` over key and body (the gzip body's tag carries `-gz`: another coding, another representation),
///   both identity and gzip bodies, `Cache-Control: public, max-age=10`.
///   A hit never reaches the handler. Because the key holds the version, a write changes the key: the next
///   GET renders afresh, on this instance and every other one on the database.
/// - **Everything else** is answered by its handler and compressed per request (gzip level 1) when the client
///   accepts it; signed-in pages are `private, no-cache` (their ETag still allows a 304), account pages
///   `private, no-store`.
/// - `If-None-Match` matching the ETag gives `304 Not Modified` on any answer that has one.
struct HTTPCachingMiddleware<Context: CommunityRequestContext>: RouterMiddleware {
    let cache: ResponseCache
    let version: DataVersion
    let metrics: SiteMetrics

    /// Route patterns whose anonymous answers depend only on the store, the search index and the clock.
    static var cacheableRoutes: Set<String> {
        ["/", "/papers", "/papers/date/{date}", "/papers/week/{week}", "/papers/month/{month}", "/papers/trending",
         "/papers/{id}", "/search", "/authors/{name}",
         "/api/daily_papers", "/api/papers/{id}", "/api/papers/search", "/api/search", "/api/papers/{id}/similar",
         "/api/papers/{id}/comments"]
    }

    /// Pages about an account or a mail link: never stored anywhere (`private, no-store`).
    static var privatePrefixes: [String] { ["/settings", "/signin", "/signup", "/signout", "/dev/mail", "/moderation",
                                  "/subscribe", "/unsubscribe", "/comments/", "/collections"] }

    /// A cheap test on the path before the version is read: only these can be cache hits.
    static func mayBeCacheable(_ path: String) -> Bool {
        path == "/" || path.hasPrefix("/papers") || path.hasPrefix("/search") || path.hasPrefix("/api/")
            || path.hasPrefix("/authors/")
    }

    /// Bodies of these types are compressed (HTML, JSON, feeds, Markdown, text).
    static func isCompressible(_ contentType: String?) -> Bool {
        guard let type = contentType?.lowercased() else { return false }
        return type.hasPrefix("text/") || type.hasPrefix("application/json") || type.hasPrefix("application/atom+xml")
            || type.hasPrefix("application/rss+xml") || type.hasPrefix("application/xml")
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        let gzipOK = Gzip.accepted(request.headers[.acceptEncoding])
        guard cache.isEnabled, request.method == .get, Self.isShared(request, context), Self.mayBeCacheable(path) else {
            return try await Self.finish(try await next(request, context), request: request, context: context, gzip: gzipOK)
        }
        // A negotiated representation (Markdown for `Accept: text/markdown`) is its own entry.
        let variant = PaperRepresentation.cacheVariant(path: path, accept: request.headers[.accept])
        let key = HTTPCachingKey.make(path: path, query: request.uri.queryParameters,
                                      version: try await version.current() + variant)
        switch await cache.claim(key) {
        case .hit(let hit):
            metrics.cacheLookup(hit: true)
            context.coreContext.endpointPath.value = hit.route
            return Self.varying(hit.response(to: request, gzip: gzipOK, cacheControl: "public, max-age=10"), route: hit.route)
        case .miss:
            return try await Self.finish(try await next(request, context), request: request, context: context, gzip: gzipOK)
        case .lead:
            break
        }
        // This request renders the page; concurrent requests for the same key wait for `made`.
        var made: CachedAnswer?
        defer { cache.finish(key, with: made) }
        let response = try await next(request, context)
        guard response.status == .ok, let route = context.endpointPath, Self.cacheableRoutes.contains(route),
              response.headers[values: .setCookie].isEmpty, Self.isCompressible(response.headers[.contentType]),
              response.headers[.contentEncoding] == nil
        else {
            return try await Self.finish(response, request: request, context: context, gzip: gzipOK)
        }
        metrics.cacheLookup(hit: false)
        let body = try await ResponseCollector.collect(response.body)
        var entry = Self.entry(route: route, contentType: response.headers[.contentType] ?? "text/html", key: key,
                               body: body, gzipLevel: Gzip.cachedLevel)
        for field in response.headers where Self.keptHeaders.contains(field.name) { entry.keptHeaders.append(field) }
        made = entry
        return Self.varying(entry.response(to: request, gzip: gzipOK, cacheControl: "public, max-age=10"), route: route)
    }

    /// Routes whose answer depends on `Accept` (``PaperRepresentation/negotiate(_:)``): cached answers say so.
    static var negotiatedRoutes: Set<String> { ["/papers/{id}"] }

    /// `response` with `Vary: Accept, Accept-Encoding` when `route` negotiates on `Accept`.
    static func varying(_ response: Response, route: String) -> Response {
        guard negotiatedRoutes.contains(route) else { return response }
        var response = response
        response.headers[.vary] = "Accept, Accept-Encoding"
        return response
    }

    /// Headers of a handler's answer that a cached copy keeps (e.g. `Link`, a redirect hint); the rest are made anew.
    static var keptHeaders: Set<HTTPFields.Element.Name> {
        Set([HTTPFields.Element.Name("Link"), .contentLanguage].compactMap { $0 })
    }

    /// No session, no signed-in user, no bearer token: the answer is the same for everyone.
    static func isShared(_ request: Request, _ context: Context) -> Bool {
        context.viewer == nil && context.sessions.session == nil && request.headers[.authorization] == nil
    }

    /// A cache entry for `body`: ETag over key and body, the gzip copy made once.
    static func entry(route: String, contentType: String, key: String, body: ByteBuffer, gzipLevel: Int32) -> CachedAnswer {
        var hasher = SHA256()
        hasher.update(data: Array(key.utf8))
        body.withUnsafeReadableBytes { hasher.update(bufferPointer: $0) }
        let digest = hasher.finalize().prefix(16).map { String(format: "%02x", $0) }.joined()
        let gzip = body.readableBytes >= Gzip.minimumSize ? Gzip.compress(body, level: gzipLevel) : nil
        return CachedAnswer(route: route, contentType: contentType, etag: EntityTag.strong(digest), identity: body,
                            gzip: gzip)
    }

    /// An uncached answer: its `Cache-Control` decided, a 304 if it carries a matching ETag, gzipped if wanted.
    /// (Error pages are rendered outside this middleware, by `ErrorPageMiddleware`; `SecurityHeadersMiddleware`
    /// gives those `private, no-store` when the request carried a cookie.)
    static func finish(_ response: Response, request: Request, context: Context, gzip: Bool) async throws -> Response {
        var response = response
        let path = request.uri.path
        if response.headers[.cacheControl] == nil {
            if privatePrefixes.contains(where: { path.hasPrefix($0) }) || !response.headers[values: .setCookie].isEmpty {
                response.headers[.cacheControl] = "private, no-store"
            } else if !isShared(request, context) {
                response.headers[.cacheControl] = "private, no-cache"
            }
        }
        if let etag = response.headers[.eTag], response.status == .ok,
           EntityTag.matchesAnyCoding(ifNoneMatch: request.headers[.ifNoneMatch], etag: etag) {
            var headers = response.headers
            headers[.contentType] = nil
            headers[.contentLength] = nil
            return Response(status: .notModified, headers: headers)
        }
        guard isCompressible(response.headers[.contentType]) else { return response }
        // Keep what the handler varies on (e.g. `Accept` on the paper page) beside the coding.
        if let vary = response.headers[.vary], !vary.lowercased().contains("accept-encoding") {
            response.headers[.vary] = vary + ", Accept-Encoding"
        } else if response.headers[.vary] == nil {
            response.headers[.vary] = "Accept-Encoding"
        }
        guard gzip, response.headers[.contentEncoding] == nil, request.method != .head,
              let length = response.body.contentLength, length >= Gzip.minimumSize else { return response }
        let body = try await ResponseCollector.collect(response.body)
        guard let compressed = Gzip.compress(body, level: Gzip.perRequestLevel) else {
            response.body = .init(byteBuffer: body)
            return response
        }
        response.headers[.contentEncoding] = "gzip"
        response.headers[.contentLength] = nil
        if let etag = response.headers[.eTag] { response.headers[.eTag] = EntityTag.gzipVariant(etag) }
        response.body = .init(byteBuffer: compressed)
        return response
    }
}

extension CachedAnswer {
    /// This answer as `request` wants it: 304 when `If-None-Match` names either coding's ETag, else the gzip body
    /// (tagged with the `-gz` variant) when `gzip` is allowed and there is one, else the identity body. Cached pages
    /// and static assets both answer through here.
    func response(to request: Request, gzip: Bool, cacheControl: String) -> Response {
        let compressed = gzip ? self.gzip : nil
        var headers: HTTPFields = [.eTag: compressed == nil ? etag : EntityTag.gzipVariant(etag),
                                   .cacheControl: cacheControl, .vary: "Accept-Encoding"]
        if EntityTag.matchesAnyCoding(ifNoneMatch: request.headers[.ifNoneMatch], etag: etag) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = contentType
        headers.append(contentsOf: keptHeaders)
        if let compressed {
            headers[.contentEncoding] = "gzip"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: compressed))
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: identity))
    }
}

/// The cache key of a shared answer: path, query parameters sorted by name (so `?a=1&b=2` and `?b=2&a=1` share
/// an entry; repeated names keep their order), and the data version.
enum HTTPCachingKey {
    static func make(path: String, query: some Sequence<(key: Substring, value: Substring)>, version: String) -> String {
        let pairs = query.map { (String($0.key), String($0.value)) }
            .enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }.map(\.element)
        var key = path + "?"
        for (name, value) in pairs {
            key += escape(name) + "=" + escape(value) + "&"
        }
        return key + "#" + version
    }

    private static func escape(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? s
    }
}

/// Reads a response body into one buffer (the cache and gzip need it whole).
final class ResponseCollector: ResponseBodyWriter, @unchecked Sendable {
    private var buffer = ByteBuffer()

    func write(_ buffer: ByteBuffer) async throws {
        var copy = buffer
        self.buffer.writeBuffer(&copy)
    }

    func finish(_ trailingHeaders: HTTPFields?) async throws {}

    static func collect(_ body: ResponseBody) async throws -> ByteBuffer {
        let collector = ResponseCollector()
        try await body.write(collector)
        return collector.buffer
    }
}

import CZlib
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import PaperboyCore
import Synchronization
import Testing
@testable import PaperboyWeb

/// The answer cache, ETags, gzip and Cache-Control, through the real router on a SQLite file: a write is visible on
/// the very next anonymous GET of every page that shows it (the shared cache must never serve the old copy), a
/// matching ETag gives a 304, gzip bodies decode to the identity bytes, and signed-in pages are never public.
@Suite("HTTP caching")
struct HTTPCachingTests {
    /// What a page must (or must not) contain.
    enum Check: CustomStringConvertible {
        case has(String)
        case lacks(String)

        /// Whitespace is ignored on both sides, so `"upvotes": 5` and `"upvotes":5` are the same.
        func holds(in text: String) -> Bool {
            switch self {
            case .has(let s): Self.squeeze(text).contains(Self.squeeze(s))
            case .lacks(let s): !Self.squeeze(text).contains(Self.squeeze(s))
            }
        }

        var description: String {
            switch self {
            case .has(let s): "has \(s)"
            case .lacks(let s): "lacks \(s)"
            }
        }

        static func squeeze(_ s: String) -> String { s.filter { !$0.isWhitespace } }
    }

    /// A page that shows a write: what it says before and after.
    struct Shows {
        var uri: String
        var before: Check
        var after: Check
    }

    /// One write through the site and every page and API answer that shows it.
    struct Write {
        var name: String
        var pages: [Shows]
        var perform: @Sendable (Browser) async throws -> Browser.Page
    }

    @Test func everyWriteIsOnTheNextGetOfEveryPageThatShowsIt() async throws {
        let fx = try await CommunityFixture.make()
        try await fx.user("grace")
        try await fx.user("mod", moderator: true)
        let today = Day(secondsSinceEpoch: fx.clock.now.timeIntervalSince1970)
        let paper = "2506.00004"   // "Next week paper", alone on 2025-06-10 (the newest day), 5 imported upvotes
        try await fx.withApp { client in
            let anon = Browser(client), grace = Browser(client), mod = Browser(client)
            try await grace.signIn("grace")
            try await mod.signIn("mod")
            let g = try await grace.csrf(), m = try await mod.csrf()
            let remark = "Cache walk remark"
            let votePages = ["/", "/papers", "/papers/date/2025-06-10", "/papers/week/2025-W24", "/papers/month/2025-06",
                             "/papers/trending", "/papers/\(paper)", "/search?q=next+week"]
                .map { Shows(uri: $0, before: .has("class=\"count\">5<"), after: .has("class=\"count\">6<")) }
                + ["/api/daily_papers?date=2025-06-10", "/api/papers/\(paper)", "/api/search?q=next+week",
                   "/api/papers/search?q=next+week"]
                .map { Shows(uri: $0, before: .has("\"upvotes\": 5"), after: .has("\"upvotes\": 6")) }
            let writes: [Write] = [
                Write(name: "upvote", pages: votePages) { _ in
                    try await grace.post("/papers/upvote", [("_csrf", g), ("paper", paper)])
                },
                Write(name: "comment", pages: [
                    Shows(uri: "/papers/\(paper)", before: .lacks(remark), after: .has(remark)),
                    Shows(uri: "/api/papers/\(paper)/comments", before: .lacks(remark), after: .has(remark)),
                    Shows(uri: "/papers/date/2025-06-10", before: .has("3 comments"), after: .has("4 comments")),
                    Shows(uri: "/api/daily_papers?date=2025-06-10", before: .has("\"numComments\": 3"),
                          after: .has("\"numComments\": 4")),
                ]) { _ in
                    try await grace.post("/papers/comment", [("_csrf", g), ("paper", paper), ("body", remark)])
                },
                Write(name: "submit", pages: [
                    Shows(uri: "/papers/date/\(today)", before: .lacks("Third paper"), after: .has("submitted by grace")),
                    Shows(uri: "/api/daily_papers?date=\(today)", before: .lacks("2506.00003"), after: .has("2506.00003")),
                    Shows(uri: "/", before: .lacks("Third paper"), after: .has("Third paper")),
                ]) { _ in
                    try await grace.post("/papers/submit", [("_csrf", g), ("paper", "2506.00003")])
                },
                Write(name: "moderation hide", pages: [
                    Shows(uri: "/papers/\(paper)", before: .has(remark), after: .lacks(remark)),
                    Shows(uri: "/api/papers/\(paper)/comments", before: .has(remark), after: .lacks(remark)),
                ]) { _ in
                    let comment = try #require(try await fx.community.comments(paperID: PaperID(unchecked: paper),
                                                                               includeHidden: false).first)
                    return try await mod.post("/comments/\(comment.id)/hide", [("_csrf", m), ("hidden", "1")])
                },
                Write(name: "moderation remove entry", pages: [
                    Shows(uri: "/papers/date/2025-06-10", before: .has("Next week paper"), after: .lacks("Next week paper")),
                    Shows(uri: "/api/daily_papers?date=2025-06-10", before: .has(paper), after: .lacks(paper)),
                ]) { _ in
                    try await mod.post("/moderation/remove-entry", [("_csrf", m), ("paper", paper), ("day", "2025-06-10")])
                },
            ]
            for write in writes {
                var etags: [String: String] = [:]
                for page in write.pages {
                    // Twice: the second answer comes from the cache, and that is the copy the write must replace.
                    _ = try await anon.get(page.uri)
                    let before = try await anon.get(page.uri)
                    #expect(before.status == .ok, "\(write.name): GET \(page.uri) before → \(before.status)")
                    #expect(page.before.holds(in: before.text), "\(write.name): \(page.uri) before the write should \(page.before)")
                    #expect(before.headers[.cacheControl]?.contains("public") == true, "\(page.uri) is a shared page")
                    etags[page.uri] = before.headers[.eTag]
                }
                let done = try await write.perform(anon)
                #expect(done.status == .seeOther || done.status == .ok, "\(write.name) → \(done.status)")
                for page in write.pages {
                    let old = try #require(etags[page.uri])
                    let after = try await anon.get(page.uri, headers: [.ifNoneMatch: old])
                    #expect(after.status == .ok, "\(write.name): \(page.uri) answered \(after.status) to the old ETag")
                    #expect(page.after.holds(in: after.text), "\(write.name): \(page.uri) after the write should \(page.after)")
                    #expect(after.headers[.eTag] != nil && after.headers[.eTag] != old, "\(write.name): \(page.uri) kept its ETag")
                }
            }
            // The writer sees their own vote on the signed-in copy (filled from the shared skeleton).
            let own = try await grace.get("/papers/\(paper)")
            #expect(own.text.contains("aria-pressed=\"true\""))
        }
    }

    @Test func matchingETagGives304AndGzipDecodesToTheSameBytes() async throws {
        let fx = try await CommunityFixture.make()
        try await fx.user("grace")
        try await fx.withApp { client in
            let uris = ["/papers/date/2025-06-02", "/api/daily_papers?date=2025-06-02", "/papers/2506.00001",
                        "/search?q=sparse", "/api/papers/2506.00001", "/papers/feed.atom"]
            for uri in uris {
                let plain = try await client.executeRequest(uri: uri, method: .get, headers: [:], body: nil)
                #expect(plain.status == .ok, "\(uri) → \(plain.status)")
                #expect(plain.headers[.contentEncoding] == nil)
                let etag = try #require(plain.headers[.eTag], "\(uri) has no ETag")
                let zipped = try await client.executeRequest(uri: uri, method: .get,
                                                             headers: [.acceptEncoding: "gzip, deflate, br"], body: nil)
                #expect(zipped.headers[.contentEncoding] == "gzip", "\(uri) is not gzipped")
                #expect(zipped.headers[.vary]?.contains("Accept-Encoding") == true)
                #expect(zipped.headers[.eTag] == EntityTag.gzipVariant(etag), "\(uri): the gzip copy needs its own ETag")
                #expect(try inflate(zipped.body) == Array(buffer: plain.body), "\(uri): gzip body differs")
                #expect(zipped.body.readableBytes < plain.body.readableBytes)
                // Either coding's tag revalidates.
                for (tag, encoding) in [(etag, ""), (EntityTag.gzipVariant(etag), "gzip")] {
                    let again = try await client.executeRequest(
                        uri: uri, method: .get, headers: [.ifNoneMatch: tag, .acceptEncoding: encoding], body: nil)
                    #expect(again.status == .notModified, "\(uri) with If-None-Match \(tag) → \(again.status)")
                    #expect(again.body.readableBytes == 0)
                    #expect(again.headers[.eTag] != nil)
                }
                let other = try await client.executeRequest(uri: uri, method: .get, headers: [.ifNoneMatch: "\"nope\""], body: nil)
                #expect(other.status == .ok)
                // `q=0` refuses gzip.
                let refused = try await client.executeRequest(uri: uri, method: .get, headers: [.acceptEncoding: "gzip;q=0"], body: nil)
                #expect(refused.headers[.contentEncoding] == nil)
            }
            // A signed-in page is compressed per request: it decodes to what the same reader gets without gzip.
            let grace = Browser(client)
            try await grace.signIn("grace")
            let cookie = "\(SessionLayer.cookieName)=\(try #require(grace.sessionID))"
            let plain = try await client.executeRequest(uri: "/papers/date/2025-06-02", method: .get, headers: [.cookie: cookie], body: nil)
            let zipped = try await client.executeRequest(uri: "/papers/date/2025-06-02", method: .get,
                                                         headers: [.cookie: cookie, .acceptEncoding: "gzip"], body: nil)
            #expect(zipped.headers[.contentEncoding] == "gzip")
            #expect(try inflate(zipped.body) == Array(buffer: plain.body))
            #expect(String(buffer: plain.body).contains("href=\"/grace\""))
        }
    }

    @Test func signedInPagesAreNeverSharedOrPublic() async throws {
        let fx = try await CommunityFixture.make()
        let grace = try await fx.user("grace")
        try await fx.user("alan")
        _ = try await fx.community.setUpvote(userID: grace.id, paperID: PaperID(unchecked: "2506.00001"), to: true, at: fx.clock.now)
        try await fx.withApp { client in
            let anon = Browser(client), g = Browser(client), a = Browser(client)
            try await g.signIn("grace")
            try await a.signIn("alan")
            let uris = ["/", "/papers/date/2025-06-02", "/papers/week/2025-W23", "/papers/trending", "/papers/2506.00001",
                        "/search?q=sparse", "/api/papers/2506.00001"]
            for uri in uris {
                let shared = try await anon.get(uri)   // the anonymous copy goes into the shared cache first
                #expect(shared.headers[.cacheControl]?.contains("public") == true, "\(uri)")
                for _ in 0..<2 {   // the second round is served from the cached skeleton where there is one
                    let gp = try await g.get(uri), ap = try await a.get(uri)
                    for (who, page) in [("grace", gp), ("alan", ap)] {
                        #expect(page.status == .ok, "\(uri) for \(who) → \(page.status)")
                        let control = page.headers[.cacheControl] ?? ""
                        #expect(control.contains("private") && !control.contains("public"), "\(uri) for \(who): \(control)")
                    }
                    guard !uri.hasPrefix("/api/") else { continue }
                    #expect(gp.text.contains("href=\"/grace\">grace</a>") && !gp.text.contains("href=\"/alan\">alan</a>"), "\(uri)")
                    #expect(ap.text.contains("href=\"/alan\">alan</a>") && !ap.text.contains("href=\"/grace\">grace</a>"), "\(uri)")
                    #expect(gp.csrf != nil && ap.csrf != nil && gp.csrf != ap.csrf, "\(uri): one CSRF token for two users")
                    #expect(!shared.text.contains("name=\"_csrf\""), "\(uri): a CSRF token on the shared page")
                    if uri != "/search?q=sparse" || gp.text.contains("2506.00001") {
                        let votedByGrace = gp.text.contains("aria-pressed=\"true\"")
                        let votedByAlan = ap.text.contains("aria-pressed=\"true\"")
                        if gp.text.contains("2506.00001") { #expect(votedByGrace, "\(uri): grace's vote is not shown to her") }
                        #expect(!votedByAlan, "\(uri): grace's vote shown to alan")
                    }
                }
            }
        }
    }

    @Test func theCacheKeepsToItsByteBudgetLeastRecentlyUsedFirst() {
        func answer(_ n: Int, bytes: Int = 4000) -> CachedAnswer {
            CachedAnswer(route: "/x", contentType: "text/html", etag: "\"\(n)\"",
                         identity: ByteBuffer(repeating: 0x61, count: bytes), gzip: nil)
        }
        let cost = answer(0).cost
        let cache = ResponseCache(budget: cost * 9 + 100)
        for i in 0..<9 { cache.put("k\(i)", answer(i)) }
        #expect(cache.usage.entries == 9)
        #expect(cache.get("k0")?.etag == "\"0\"")   // k0 is now the most recently used
        cache.put("k9", answer(9))
        #expect(cache.get("k1") == nil, "the least recently used entry should go first")
        #expect(cache.get("k0") != nil && cache.get("k9") != nil)
        #expect(cache.usage.entries == 9 && cache.usage.bytes <= cache.budget)
        // Replacing a key does not count it twice.
        cache.put("k9", answer(9))
        #expect(cache.usage.entries == 9 && cache.usage.bytes == 9 * cost)
        // One answer may not take more than a quarter of the budget.
        cache.put("big", answer(99, bytes: cache.budget / 3))
        #expect(cache.get("big") == nil && cache.usage.entries == 9)
        // Budget 0: off, nothing kept.
        let off = ResponseCache(budget: 0)
        off.put("k", answer(1))
        #expect(!off.isEnabled && off.get("k") == nil && off.usage.bytes == 0)
    }

    @Test func concurrentMissesOfOneKeyRenderItOnce() async {
        let cache = ResponseCache(budget: 1 << 20)
        let page = CachedAnswer(route: "/x", contentType: "text/html", etag: "\"made\"",
                                identity: ByteBuffer(string: "page"), gzip: nil)
        final class Renders: Sendable { let count = Mutex(0) }
        let renders = Renders()
        let served = await withTaskGroup(of: String?.self) { group in
            for _ in 0..<32 {
                group.addTask {
                    switch await cache.claim("k") {
                    case .hit(let answer): return answer.etag
                    case .miss: return nil
                    case .lead:
                        renders.count.withLock { $0 += 1 }
                        try? await Task.sleep(for: .milliseconds(50))   // a slow render: the others arrive meanwhile
                        cache.finish("k", with: page)
                        return page.etag
                    }
                }
            }
            return await group.reduce(into: [String?]()) { $0.append($1) }
        }
        #expect(renders.count.withLock { $0 } == 1)
        #expect(served.count == 32 && served.allSatisfy { $0 == page.etag })
        // A leader that made nothing cacheable (an error page) sends its waiters off to render for themselves.
        guard case .lead = await cache.claim("n") else { Issue.record("the first claim of a new key must lead"); return }
        let waiter = Task { await cache.claim("n") }
        try? await Task.sleep(for: .milliseconds(50))
        cache.finish("n", with: nil)
        guard case .miss = await waiter.value else { Issue.record("a waiter of an uncacheable answer must render itself"); return }
        guard case .lead = await cache.claim("n") else { Issue.record("after a failed render the next claim leads again"); return }
        cache.finish("n", with: nil)
    }

    @Test func cacheKeysIgnoreQueryOrderButNotValues() {
        func key(_ path: String, _ query: [(String, String)], _ version: String) -> String {
            HTTPCachingKey.make(path: path, query: query.map { (key: Substring($0.0), value: Substring($0.1)) },
                                version: version)
        }
        let a = key("/search", [("q", "x"), ("page", "2")], "v1")
        #expect(a == key("/search", [("page", "2"), ("q", "x")], "v1"))
        #expect(a != key("/search", [("q", "x"), ("page", "3")], "v1"))
        #expect(a != key("/search", [("q", "x"), ("page", "2")], "v2"))
        #expect(a != key("/papers", [("q", "x"), ("page", "2")], "v1"))
        #expect(key("/a", [("b", "c&d=e")], "v") != key("/a", [("b", "c"), ("d", "e")], "v"))
    }
}

/// A gzip body inflated with zlib (windowBits 15 + 16: the gzip wrapper). zlib keeps a pointer back to the stream,
/// so it lives at one heap address for the whole call.
private func inflate(_ buffer: ByteBuffer) throws -> [UInt8] {
    let input = Array(buffer: buffer)
    let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    stream.initialize(to: z_stream())
    defer {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }
    guard inflateInit2_(stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
        throw InflateError.failed
    }
    var output: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    try input.withUnsafeBufferPointer { source in
        stream.pointee.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
        stream.pointee.avail_in = uInt(source.count)
        var status: Int32 = Z_OK
        while status != Z_STREAM_END {
            status = chunk.withUnsafeMutableBufferPointer { target in
                stream.pointee.next_out = target.baseAddress
                stream.pointee.avail_out = uInt(target.count)
                return CZlib.inflate(stream, Z_NO_FLUSH)
            }
            guard status == Z_OK || status == Z_STREAM_END else { throw InflateError.failed }
            output += chunk[0..<(chunk.count - Int(stream.pointee.avail_out))]
        }
    }
    return output
}

private enum InflateError: Error { case failed }

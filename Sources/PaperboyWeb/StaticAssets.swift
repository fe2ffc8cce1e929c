import Foundation
import Hummingbird

/// The site's one stylesheet (and favicon), read from the bundle once and served with an ETag.
struct StaticAssets: Sendable {
    let css: String
    let etag: String

    static func load() throws -> StaticAssets {
        guard let base = Bundle.module.resourceURL else { throw PaperboyWebError.missingResources }
        let candidates = [base.appendingPathComponent("Static/style.css"), base.appendingPathComponent("style.css")]
        guard let url = candidates.first(where: { FileManager.default.fileExists(atPath: $0.path) }) else {
            throw PaperboyWebError.missingResources
        }
        let css = try String(contentsOf: url, encoding: .utf8)
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in css.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return StaticAssets(css: css, etag: "\"\(String(hash, radix: 16))\"")
    }

    func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("/static/style.css") { request, _ -> Response in
            if request.headers[.ifNoneMatch] == etag {
                return Response(status: .notModified, headers: [.eTag: etag])
            }
            return Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .eTag: etag,
                                                   .cacheControl: "public, max-age=3600"],
                            body: .init(byteBuffer: ByteBuffer(string: css)))
        }
        router.get("/favicon.ico") { _, _ -> Response in
            Response(status: .noContent, headers: [.cacheControl: "public, max-age=86400"])
        }
    }
}

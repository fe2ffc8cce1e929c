import Foundation
import Hummingbird

/// The site's stylesheet and its one script (progressive enhancement; CSP forbids inline script), read from the
/// bundle once and served with ETags. Plus an empty favicon.
struct StaticAssets: Sendable {
    struct Asset: Sendable {
        var body: String
        var contentType: String
        var etag: String
    }

    let assets: [String: Asset]

    static let files: [(name: String, contentType: String)] = [
        ("style.css", "text/css; charset=utf-8"),
        ("community.js", "text/javascript; charset=utf-8"),
    ]

    static func load() throws -> StaticAssets {
        guard let base = Bundle.module.resourceURL else { throw PaperboyWebError.missingResources }
        var assets: [String: Asset] = [:]
        for file in files {
            let candidates = [base.appendingPathComponent("Static/\(file.name)"), base.appendingPathComponent(file.name)]
            guard let url = candidates.first(where: { FileManager.default.fileExists(atPath: $0.path) }) else {
                throw PaperboyWebError.missingResources
            }
            let body = try String(contentsOf: url, encoding: .utf8)
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in body.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
            assets[file.name] = Asset(body: body, contentType: file.contentType, etag: "\"\(String(hash, radix: 16))\"")
        }
        return StaticAssets(assets: assets)
    }

    /// The stylesheet's ETag (tests and cache checks).
    var etag: String { assets["style.css"]?.etag ?? "" }

    func register<Context: RequestContext>(on router: Router<Context>) {
        for (name, asset) in assets {
            router.get("/static/\(name)") { request, _ -> Response in
                if request.headers[.ifNoneMatch] == asset.etag {
                    return Response(status: .notModified, headers: [.eTag: asset.etag])
                }
                return Response(status: .ok, headers: [.contentType: asset.contentType, .eTag: asset.etag,
                                                       .cacheControl: "public, max-age=3600"],
                                body: .init(byteBuffer: ByteBuffer(string: asset.body)))
            }
        }
        router.get("/favicon.ico") { _, _ -> Response in
            Response(status: .noContent, headers: [.cacheControl: "public, max-age=86400"])
        }
    }
}

import Foundation
import Hummingbird
import PaperboyCore

/// The site's stylesheet and its one script (progressive enhancement; CSP forbids inline script), read from the
/// bundle once, gzipped once, and served under two names:
///
/// - `/static/style.<hash>.css`, the name pages link to: the hash is of the content, so the URL changes when the
///   file does and browsers may keep it for a year (`immutable`);
/// - `/static/style.css`, for anyone with an old link: an hour, with an ETag.
///
/// Plus an empty favicon.
struct StaticAssets: Sendable {
    struct Asset: Sendable {
        /// Bodies, type and ETag, answered the way cached pages are (``CachedAnswer/response(to:gzip:cacheControl:)``).
        var answer: CachedAnswer
        /// `/static/<stem>.<16 hex>.<ext>`.
        var fingerprintedPath: String
        var etag: String { answer.etag }
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
            let text = try String(contentsOf: url, encoding: .utf8)
            let hash = FNV1a.hex(text)
            let body = ByteBuffer(string: text)
            let dot = file.name.lastIndex(of: ".") ?? file.name.endIndex
            let fingerprinted = "/static/\(file.name[..<dot]).\(hash)\(file.name[dot...])"
            let answer = CachedAnswer(route: "/static/\(file.name)", contentType: file.contentType,
                                      etag: EntityTag.strong(hash), identity: body,
                                      gzip: Gzip.compress(body, level: Gzip.cachedLevel))
            assets[file.name] = Asset(answer: answer, fingerprintedPath: fingerprinted)
        }
        return StaticAssets(assets: assets)
    }

    /// The stylesheet's ETag (tests and cache checks).
    var etag: String { assets["style.css"]?.etag ?? "" }

    /// The names pages link to.
    var paths: AssetPaths {
        AssetPaths(style: assets["style.css"]?.fingerprintedPath ?? "/static/style.css",
                   script: assets["community.js"]?.fingerprintedPath ?? "/static/community.js")
    }

    func register<Context: RequestContext>(on router: Router<Context>) {
        for (name, asset) in assets {
            router.get("/static/\(name)") { request, _ in
                Self.answer(asset, request, cacheControl: "public, max-age=3600")
            }
            router.get(RouterPath(asset.fingerprintedPath)) { request, _ in
                Self.answer(asset, request, cacheControl: "public, max-age=31536000, immutable")
            }
        }
        router.get("/favicon.ico") { _, _ -> Response in
            Response(status: .noContent, headers: [.cacheControl: "public, max-age=86400"])
        }
    }

    private static func answer(_ asset: Asset, _ request: Request, cacheControl: String) -> Response {
        asset.answer.response(to: request, gzip: Gzip.accepted(request.headers[.acceptEncoding]), cacheControl: cacheControl)
    }
}

/// Where pages find the stylesheet and the script (fingerprinted names), as `{{#assets}}{{style}}{{/assets}}`.
struct AssetPaths: Sendable {
    var style: String
    var script: String

    static let plain = AssetPaths(style: "/static/style.css", script: "/static/community.js")
}

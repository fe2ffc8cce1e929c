import Foundation
import Hummingbird
import Mustache
import PaperboyCore

/// Renders Mustache templates into HTML responses. Templates live in `Templates/` (bundle resources);
/// `{{x}}` escapes HTML, and templates never use triple mustaches for user data.
struct PageRenderer: Sendable {
    let library: MustacheLibrary
    /// The stylesheet's and script's (fingerprinted) paths every page links to.
    var assets = AssetPaths.plain

    /// Loads every `*.mustache` from the bundled `Templates` folder.
    static func load(assets: AssetPaths = .plain) async throws -> PageRenderer {
        guard let base = Bundle.module.resourceURL else {
            throw PaperboyWebError.missingResources
        }
        let candidates = [base.appendingPathComponent("Templates"), base]
        for dir in candidates where FileManager.default.fileExists(atPath: dir.appendingPathComponent("layout_head.mustache").path) {
            return PageRenderer(library: try await MustacheLibrary(directory: dir.path), assets: assets)
        }
        throw PaperboyWebError.missingResources
    }

    /// Renders `template` with `object`; `visitor` (who is signed in, the CSRF token) is reachable from every
    /// template as `{{#visitor}}`.
    func render(_ template: String, _ object: Any, visitor: VisitorView = .anonymous,
                status: HTTPResponse.Status = .ok) -> Response {
        guard let html = renderHTML(template, object, visitor: visitor) else {
            return errorPage(status: .internalServerError, message: "Template \(template) is missing.")
        }
        return Self.html(html, status: status)
    }

    /// The page's HTML, or `nil` if `template` is missing.
    func renderHTML(_ template: String, _ object: Any, visitor: VisitorView) -> String? {
        library.render(PageEnvelope(page: object, visitor: visitor, assets: assets), withTemplate: template)
    }

    func errorPage(status: HTTPResponse.Status, message: String) -> Response {
        let page = ErrorPage(title: "\(status.code) \(status.reasonPhrase)", status: status.code, message: message)
        let html = renderHTML("error", page, visitor: .anonymous)
            ?? "<!doctype html><title>\(status.code)</title><p>\(HTMLEscaping.escape(message))</p>"
        return Self.html(html, status: status)
    }

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    struct ErrorPage {
        var title: String
        var status: Int
        var message: String
        var layout = LayoutView(title: "")
    }
}

enum PaperboyWebError: Error, CustomStringConvertible {
    case missingResources
    var description: String { "The web templates were not found in the PaperboyWeb resource bundle." }
}

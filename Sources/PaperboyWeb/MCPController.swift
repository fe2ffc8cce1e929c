import Foundation
import Hummingbird
import Logging
import MCP
import PaperboyCatalog
import PaperboyCore
import PaperboyMCP
import PaperboyStore

/// `POST /mcp`: the MCP server over streamable HTTP (stateless JSON answers; see ``MCPHTTPEndpoint``).
/// `GET` and `DELETE /mcp` answer 405 with `Allow: POST`: there is no server-to-client stream and no session
/// to end.
///
/// **No authentication**: the tools only read what the public pages and `/api` already serve. The route is
/// outside the CSRF check (it takes no form and no cookie-authenticated action); browser requests from another
/// origin are refused by the endpoint's Origin check.
struct MCPController<Context: Hummingbird.RequestContext>: Sendable {
    let endpoint: MCPHTTPEndpoint

    func register(on router: Router<Context>) {
        router.post("/mcp", use: handle)
        router.get("/mcp", use: handle)
        router.delete("/mcp", use: handle)
    }

    @Sendable func handle(_ request: Request, context: Context) async throws -> Response {
        var headers: [String: String] = [:]
        for field in request.headers {
            let name = field.name.canonicalName
            headers[name] = headers[name].map { "\($0), \(field.value)" } ?? field.value
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: MCPHTTPEndpoint.maxBodyBytes)
        } catch {
            return Self.response(.error(statusCode: 413, .invalidRequest(
                "Request body larger than \(MCPHTTPEndpoint.maxBodyBytes) bytes.")))
        }
        let answer = await endpoint.handle(MCP.HTTPRequest(
            method: request.method.rawValue, headers: headers, body: Data(buffer: body), path: request.uri.path))
        return Self.response(answer)
    }

    /// The SDK's framework-free answer as a Hummingbird response. The stateless transport never streams; a stream
    /// would be a programming error and answers 500 rather than hanging.
    static func response(_ answer: MCP.HTTPResponse) -> Response {
        var fields = HTTPFields()
        for (name, value) in answer.headers {
            if let field = HTTPFields.Element.Name(name) { fields[field] = value }
        }
        fields[.cacheControl] = "no-store"
        if case .stream = answer {
            return Response(status: .internalServerError, headers: fields)
        }
        let body = answer.bodyData.map { ResponseBody(byteBuffer: ByteBuffer(bytes: $0)) } ?? ResponseBody()
        return Response(status: .init(code: answer.statusCode), headers: fields, body: body)
    }
}

/// The MCP tool set as the site wires it: the site's stores and catalog, its Markdown page renderer and address.
/// Public for `paperboy mcp`, which serves the same tools over stdio.
public enum SiteMCP {
    public static func tools(papers: any PaperStore, catalog: SearchCatalog?, siteURL: String?,
                             logger: Logger = Logger(label: "paperboy.mcp")) -> PaperTools {
        PaperTools(papers: papers, catalog: catalog, markdown: { PaperMarkdown.render($0) }, siteURL: siteURL,
                   logger: logger)
    }
}

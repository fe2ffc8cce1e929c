import Foundation
import Logging
import MCP

/// The streamable HTTP transport of the MCP server, framework-free: a web route hands each `POST /mcp` (and
/// `GET`/`DELETE`, which answer 405) to ``handle(_:)`` and writes the answer back.
///
/// **Stateless, on the SDK's `StatelessHTTPServerTransport`.** Each request gets a fresh `Server` and transport:
/// the SDK's server remembers one `initialize` per instance and its transport keys waiting requests by JSON-RPC
/// id, so one shared pair would refuse the second client's `initialize` and mix up two clients' `id: 1`. No
/// session id is issued, every answer is one `application/json` body (no SSE), and any instance behind a load
/// balancer can answer any request — nothing is kept between requests, the tools being read-only. The SDK's
/// `StatefulHTTPServerTransport` (sessions, SSE) would tie a client to one process and buys nothing here: the
/// tools send no notifications or server-initiated requests.
///
/// Requests are checked by the SDK's validators (Accept must include `application/json`, `Content-Type:
/// application/json`, a supported `MCP-Protocol-Version`) and by ``SameOriginValidator`` in place of the SDK's
/// localhost-only one, which would refuse every request to a site with a real host name.
public struct MCPHTTPEndpoint: Sendable {
    let tools: PaperTools
    let validation: StandardValidationPipeline

    /// The largest request body read (a JSON-RPC call is a few hundred bytes).
    public static let maxBodyBytes = 1 << 20

    /// - Parameter siteURL: the site's public address; browser requests from that origin are accepted besides
    ///   same-host ones.
    public init(tools: PaperTools, siteURL: String? = nil) {
        self.tools = tools
        validation = StandardValidationPipeline(validators: [
            SameOriginValidator(siteURL: siteURL),
            AcceptHeaderValidator(mode: .jsonOnly),
            ContentTypeValidator(),
            ProtocolVersionValidator(),
        ])
    }

    /// Answers one HTTP request: a JSON-RPC response (200), 202 for a notification, 4xx with a JSON-RPC error body
    /// for a request the transport refuses, 405 for other methods.
    public func handle(_ request: HTTPRequest) async -> HTTPResponse {
        let transport = StatelessHTTPServerTransport(validationPipeline: validation, logger: tools.logger)
        let server = await PaperboyMCPServer.make(tools: tools)
        do {
            try await server.start(transport: transport)
        } catch {
            tools.logger.error("mcp: the server did not start: \(error)")
            return .error(statusCode: 500, .internalError("The MCP server did not start."))
        }
        let response = await transport.handleRequest(request)
        await server.stop()
        return response
    }
}

/// DNS-rebinding and cross-site protection for `/mcp`: a request that carries an `Origin` (only browsers send
/// one) must come from the host it was sent to, or from the site's configured address; requests without an
/// `Origin` (agents, CLIs) pass. A mismatch answers 403, as the SDK's `OriginValidator` does.
struct SameOriginValidator: HTTPRequestValidator {
    /// `scheme://host[:port]` of the configured site, lower-cased.
    let siteOrigin: String?

    init(siteURL: String?) {
        siteOrigin = siteURL.flatMap(URL.init(string:)).flatMap(Self.origin(of:))
    }

    func validate(_ request: HTTPRequest, context: HTTPValidationContext) -> HTTPResponse? {
        guard let origin = request.header(HTTPHeaderName.origin) else { return nil }
        let sent = URL(string: origin).flatMap(Self.origin(of:))
        if let sent {
            if sent == siteOrigin { return nil }
            if let host = request.header(HTTPHeaderName.host)?.lowercased(),
               let url = URL(string: sent), Self.authority(of: url) == host {
                return nil
            }
        }
        return .error(statusCode: 403, .invalidRequest("Forbidden: Origin not allowed"))
    }

    static func origin(of url: URL) -> String? {
        guard let scheme = url.scheme?.lowercased(), let authority = authority(of: url) else { return nil }
        return "\(scheme)://\(authority)"
    }

    /// `host[:port]` as a `Host` header carries it.
    static func authority(of url: URL) -> String? {
        guard let host = url.host?.lowercased(), !host.isEmpty else { return nil }
        let bracketed = host.contains(":") ? "[\(host)]" : host
        return url.port.map { "\(bracketed):\($0)" } ?? bracketed
    }
}

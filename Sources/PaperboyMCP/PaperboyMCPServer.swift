import Foundation
import MCP

/// Builds the SDK's `Server` for a ``PaperTools`` tool set: the handlers for `tools/list`, `tools/call`,
/// `resources/list`, `resources/templates/list` and `resources/read` (the SDK itself answers `initialize`,
/// `ping` and the `notifications/initialized` / cancellation notifications).
public enum PaperboyMCPServer {
    /// The name and version the server announces in `initialize`.
    public static let name = "paperboy"
    public static let version = "1.0.0"

    static let instructions = """
        Paperboy is a Daily Papers site: arXiv papers picked and upvoted by a community. Use search_papers to find \
        papers, daily_papers for a day's, week's or month's picks, get_paper (or the paper://{id} resource) for a \
        paper's page as Markdown, and similar_papers for related work. Ids are arXiv ids such as 2405.15738.
        """

    /// A server with every handler registered, not yet started on a transport.
    ///
    /// The server is not strict (requests before `initialize` are answered): over stateless HTTP each POST meets a
    /// fresh server (``MCPHTTPEndpoint``), so a `tools/call` after an earlier POST's `initialize` must work.
    public static func make(tools: PaperTools) async -> Server {
        let server = Server(
            name: name, version: version, title: "Paperboy", instructions: instructions,
            capabilities: .init(resources: .init(subscribe: false, listChanged: false), tools: .init(listChanged: false)),
            configuration: .default)
        await server.withMethodHandler(ListTools.self) { _ in
            ListTools.Result(tools: PaperTools.definitions)
        }
        await server.withMethodHandler(CallTool.self) { params in
            try await tools.call(params.name, arguments: params.arguments)
        }
        await server.withMethodHandler(ListResources.self) { _ in
            do {
                return ListResources.Result(resources: try await tools.listResources())
            } catch {
                tools.logger.error("mcp resources/list failed: \(error)")
                throw MCPError.internalError("Listing resources failed on the server; try again later.")
            }
        }
        await server.withMethodHandler(ListResourceTemplates.self) { _ in
            ListResourceTemplates.Result(templates: PaperTools.templates)
        }
        await server.withMethodHandler(ReadResource.self) { params in
            try await tools.readResource(params.uri)
        }
        return server
    }
}

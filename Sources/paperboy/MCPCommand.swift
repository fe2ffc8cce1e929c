import ArgumentParser
import Foundation
import Logging
import MCP
import PaperboyCatalog
import PaperboyConfig
import PaperboyCore
import PaperboyEmbedding
import PaperboyMCP
import PaperboyWeb

/// `paperboy mcp`: the MCP server over stdio, for agents that start it as a subprocess (Claude Desktop, the
/// Python `mcp` client's `stdio_client`). The same tool set as `POST /mcp` on `serve` (``SiteMCP``).
///
/// Standard output carries only JSON-RPC messages, one per line; logs go to standard error. The search index
/// beside the database is caught up at start and every 30 s, so papers imported meanwhile become searchable.
/// The process ends when standard input closes.
struct MCPServe: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp",
        abstract: "Serve the MCP tools (search_papers, get_paper, daily_papers, similar_papers) over stdio.",
        discussion: """
            Configure an MCP client to run `paperboy mcp --database /path/to/paperboy.sqlite`. Semantic and \
            hybrid search need the MiniLM model (scripts/fetch-model.sh) and papers with vectors; without them \
            search is lexical.
            """
    )

    @OptionGroup var db: DatabaseOptions

    @Option(name: .customLong("base-url"), help: ArgumentHelp(
        "The site's public address, for paper URLs in answers (default $PAPERBOY_BASE_URL, else arXiv URLs).",
        valueName: "url"))
    var baseURL: String?

    @Flag(help: "Do not load the MiniLM model: lexical search only (faster start).")
    var lexicalOnly = false

    func run() async throws {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .warning
            return handler
        }
        let logger = Logger(label: "paperboy.mcp")
        let siteURL: String?
        do {
            siteURL = try baseURL ?? SettingsReader().string(.baseURL)?.value
        } catch let error as PaperboyError {
            throw ValidationError(error.message)
        }
        let database = try await db.open()
        var encoder: SentenceEncoder?
        if !lexicalOnly {
            do {
                encoder = try SentenceEncoder.load(from: configuredModel())
            } catch {
                logger.notice("No MiniLM model (\(error.message)): search is lexical.")
            }
        }
        let catalog = try await db.openCatalog(database.stores, embedder: encoder)
        let tools = SiteMCP.tools(papers: database.stores.papers, catalog: catalog, siteURL: siteURL, logger: logger)
        let server = await PaperboyMCPServer.make(tools: tools)
        try await server.start(transport: StdioTransport(logger: logger))
        let refresh = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(30))
                guard !Task.isCancelled else { break }
                do { _ = try await catalog.refresh() } catch { logger.warning("search index refresh failed: \(error)") }
            }
        }
        await server.waitUntilCompleted()
        refresh.cancel()
        await server.stop()
        await database.close()
    }
}

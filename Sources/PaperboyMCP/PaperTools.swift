import Foundation
import Logging
import MCP
import PaperboyCatalog
import PaperboyCore
import PaperboyStore

/// The MCP tool set: `search_papers`, `get_paper`, `daily_papers`, `similar_papers`, and the `paper://{id}`
/// resources. One value serves both transports (`paperboy mcp` over stdio, `POST /mcp` on `serve`).
///
/// Every answer comes from the code the site uses: the catalog's search (`SearchCatalog.search`, same query
/// language, modes and phrase fallback as `/api/search`), the store's daily lists (`PaperStore.feed`, ordered by
/// upvotes as the day/week/month pages are), the catalog's similar papers, and the Markdown page renderer that
/// `GET /papers/{id}.md` uses — handed in as `markdown`, because it lives in the web layer that this target must
/// not import. Everything is read-only.
///
/// Bad arguments, unknown papers and unavailable features answer a tool result with `isError: true` and a
/// message saying what to change; only an unknown tool name is a protocol error (`-32602`), as the MCP spec asks.
public struct PaperTools: Sendable {
    /// Renders a paper's Markdown page (the site's `PaperMarkdown.render`).
    public typealias MarkdownRenderer = @Sendable (PaperDetail) -> String

    let papers: any PaperStore
    let catalog: SearchCatalog?
    let markdown: MarkdownRenderer
    /// The site's absolute address without a trailing slash (`https://papers.example.org`), for paper URLs;
    /// `nil` gives arXiv abstract URLs instead.
    let siteURL: String?
    let logger: Logger

    /// - Parameters:
    ///   - catalog: the search catalog; `nil` makes the search and similar tools answer that search is unavailable.
    ///   - siteURL: the site's `base_url`, if it is known.
    public init(papers: any PaperStore, catalog: SearchCatalog?, markdown: @escaping MarkdownRenderer,
                siteURL: String? = nil, logger: Logger = Logger(label: "paperboy.mcp")) {
        self.papers = papers
        self.catalog = catalog
        self.markdown = markdown
        var site = siteURL?.trimmingWhitespace()
        while site?.hasSuffix("/") == true { site?.removeLast() }
        self.siteURL = site?.isEmpty == true ? nil : site
        self.logger = logger
    }

    /// The tools' names.
    public enum Name: String, CaseIterable, Sendable {
        case searchPapers = "search_papers"
        case getPaper = "get_paper"
        case dailyPapers = "daily_papers"
        case similarPapers = "similar_papers"
    }

    /// Runs tool `name`. Throws only for an unknown tool name (`MCPError.invalidParams`).
    public func call(_ name: String, arguments: [String: Value]?) async throws(MCPError) -> CallTool.Result {
        guard let tool = Name(rawValue: name) else {
            let known = Name.allCases.map(\.rawValue).joined(separator: ", ")
            throw MCPError.invalidParams("Unknown tool '\(name.prefix(60))'. Tools: \(known).")
        }
        do {
            switch tool {
            case .searchPapers: return try await searchPapers(arguments)
            case .getPaper: return try await getPaper(arguments)
            case .dailyPapers: return try await dailyPapers(arguments)
            case .similarPapers: return try await similarPapers(arguments)
            }
        } catch let failure as ToolFailure {
            return Self.failure(failure.message)
        } catch let error as PaperboyError {
            return failure(error, tool: name)
        } catch {
            logger.error("mcp tool \(name) failed: \(error)")
            return Self.failure("\(name) failed on the server; try again later.")
        }
    }

    /// A `PaperboyError` as a tool error: the user-facing kinds keep their message; storage and internal errors
    /// are logged and answered without their details (as the web layer does for 5xx).
    func failure(_ error: PaperboyError, tool: String) -> CallTool.Result {
        switch error.code {
        case .invalidInput, .notFound, .configuration, .upstream, .unavailable, .conflict, .rateLimited:
            return Self.failure(error.message)
        case .unauthorized, .forbidden, .storage, .internal:
            logger.error("mcp tool \(tool) failed: \(error)")
            return Self.failure("\(tool) failed on the server; try again later.")
        }
    }

    /// A tool result with `isError: true` and `message` as its text.
    static func failure(_ message: String) -> CallTool.Result {
        CallTool.Result(content: [.text(text: message, annotations: nil, _meta: nil)], isError: true)
    }

    /// A structured answer: `value` as `structuredContent`, and the same JSON as text for clients that only read
    /// text (the spec's advice for tools with an output schema).
    static func answer<T: Encodable>(_ value: T) throws -> CallTool.Result {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        let structured: Value? = try JSONDecoder().decode(Value.self, from: data)
        return CallTool.Result(content: [.text(text: String(decoding: data, as: UTF8.self), annotations: nil, _meta: nil)],
                               structuredContent: structured)
    }

    /// The catalog, or a tool error saying search is not available.
    func requireCatalog() throws(ToolFailure) -> SearchCatalog {
        guard let catalog else { throw ToolFailure("Search is not available on this server.") }
        return catalog
    }
}

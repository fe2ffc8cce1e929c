import Foundation
import MCP
import PaperboyCatalog
import PaperboyCore
import PaperboyStore
@testable import PaperboyMCP
@testable import PaperboyWeb

/// Four papers on three days in a temporary SQLite file, with the search catalog over them and the site's tool
/// set (the real Markdown renderer). Known answers: day 1 (2025-06-02) lists 2506.00002 (30 votes) before
/// 2506.00001 (10); day 2 (2025-06-03, same ISO week 2025-W23) lists 2506.00003; day 3 (2025-06-10, W24) is
/// the newest and lists 2506.00004. Only 2506.00003 is by Grace Hopper.
struct MCPFixture {
    static let day1 = try! Day(parsing: "2025-06-02")
    static let day2 = try! Day(parsing: "2025-06-03")
    static let day3 = try! Day(parsing: "2025-06-10")
    static let siteURL = "https://papers.example.org"

    let directory: URL
    let stores: Stores
    let catalog: SearchCatalog
    let tools: PaperTools

    static func paper(_ id: String, _ title: String, votes: Int, authors: [String], abstract: String) -> Paper {
        Paper(id: PaperID(unchecked: id), title: title, abstract: abstract, authors: authors.map { Author(name: $0) },
              categories: ["cs.LG"], publishedAt: Date(timeIntervalSince1970: day1.secondsSinceEpoch - 86_400),
              githubRepo: "https://github.com/example/\(id)", aiSummary: "Summary of \(id).",
              importedUpvotes: votes, source: "hf-daily")
    }

    static func make(siteURL: String? = MCPFixture.siteURL) async throws -> MCPFixture {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("paperboy-mcp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let stores = try Stores.sqlite(path: dir.appendingPathComponent("test.sqlite").path)
        let papers = [
            paper("2506.00001", "Sparse attention\n  kernels", votes: 10, authors: ["Ada Lovelace", "Alan Turing"],
                  abstract: "We make sparse attention kernels fast on GPUs."),
            paper("2506.00002", "Mixture of experts routing", votes: 30, authors: ["Alan Turing"],
                  abstract: "Routing tokens to experts with a learned gate."),
            paper("2506.00003", "Sparse mixture language models", votes: 20, authors: ["Grace Hopper"],
                  abstract: "Language models with sparse mixture layers."),
            paper("2506.00004", "Graph networks next week", votes: 5, authors: ["Edsger Dijkstra"],
                  abstract: "Shortest paths learned by graph networks."),
        ]
        let entries = [
            DailyEntry(day: day1, paperID: papers[0].id, position: 0),
            DailyEntry(day: day1, paperID: papers[1].id, position: 1),
            DailyEntry(day: day2, paperID: papers[2].id, position: 0),
            DailyEntry(day: day3, paperID: papers[3].id, position: 0),
        ]
        _ = try await stores.papers.apply(ImportBatch(papers: papers, entries: entries))
        let catalog = try await SearchCatalog.open(store: stores.papers, embeddings: stores.embeddings,
                                                   directory: dir.appendingPathComponent("test.sqlite.search"))
        let tools = SiteMCP.tools(papers: stores.papers, catalog: catalog, siteURL: siteURL)
        return MCPFixture(directory: dir, stores: stores, catalog: catalog, tools: tools)
    }

    /// Calls `tool`, failing the test on a protocol error.
    func call(_ tool: String, _ arguments: [String: Value] = [:]) async throws -> CallTool.Result {
        try await tools.call(tool, arguments: arguments)
    }

    /// The page `GET /papers/{id}.md` serves, for comparison.
    func markdownPage(_ id: String) async throws -> String? {
        try await stores.papers.paper(PaperID(unchecked: id)).map { PaperMarkdown.render($0) }
    }
}

extension CallTool.Result {
    /// The text of the first content block.
    var text: String? {
        guard case .text(let text, _, _)? = content.first else { return nil }
        return text
    }

    /// `structuredContent` decoded as `T`.
    func structured<T: Decodable>(_ type: T.Type) throws -> T {
        let data = try JSONEncoder().encode(structuredContent ?? .null)
        return try JSONDecoder().decode(T.self, from: data)
    }
}

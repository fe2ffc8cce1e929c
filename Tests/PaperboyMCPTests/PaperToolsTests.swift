import Foundation
import MCP
import PaperboyCore
import Testing
@testable import PaperboyMCP

/// The tool set against a temporary SQLite database with known answers (``MCPFixture``).
@Suite struct PaperToolsTests {
    @Test func listsTheFourToolsWithSchemas() {
        let tools = PaperTools.definitions
        #expect(tools.map(\.name) == ["search_papers", "get_paper", "daily_papers", "similar_papers"])
        for tool in tools {
            #expect(tool.inputSchema.objectValue?["type"] == "object")
            #expect(tool.annotations.readOnlyHint == true)
        }
        #expect(tools[0].inputSchema.objectValue?["required"] == ["query"])
        #expect(tools[1].outputSchema == nil)  // get_paper answers Markdown text
        #expect(tools[2].outputSchema?.objectValue?["required"] == ["total", "papers"])
    }

    @Test func searchFindsPapersWithIdTitleAuthorsDateAndURL() async throws {
        let site = try await MCPFixture.make()
        let result = try await site.call("search_papers", ["query": "\"mixture of experts\""])
        #expect(result.isError != true)
        let answer = try result.structured(SearchAnswer.self)
        #expect(answer.total == 1)
        #expect(answer.mode == "lexical")
        let hit = try #require(answer.results.first)
        #expect(hit == PaperSummary(
            PaperDetail(paper: MCPFixture.paper("2506.00002", "Mixture of experts routing", votes: 30,
                                                authors: ["Alan Turing"], abstract: ""),
                        upvotes: 30, comments: 0, entries: []),
            siteURL: MCPFixture.siteURL))
        #expect(hit.id == "2506.00002")
        #expect(hit.title == "Mixture of experts routing")
        #expect(hit.authors == ["Alan Turing"])
        #expect(hit.date == "2025-06-01")
        #expect(hit.url == "https://papers.example.org/papers/2506.00002")
        #expect(hit.upvotes == 30)
        // The text block is the same JSON, for clients that read text only.
        let fromText = try JSONDecoder().decode(SearchAnswer.self, from: Data(try #require(result.text).utf8))
        #expect(fromText.results.map(\.id) == ["2506.00002"])
    }

    @Test func searchUsesTheSiteQueryLanguageAndLimit() async throws {
        let site = try await MCPFixture.make()
        let words = try await site.call("search_papers", ["query": "mixture"]).structured(SearchAnswer.self)
        #expect(Set(words.results.map(\.id)) == ["2506.00002", "2506.00003"])
        #expect(words.total == 2)
        let author = try await site.call("search_papers", ["query": "author:\"Grace Hopper\""]).structured(SearchAnswer.self)
        #expect(author.results.map(\.id) == ["2506.00003"])
        let limited = try await site.call("search_papers", ["query": "sparse", "limit": 1]).structured(SearchAnswer.self)
        #expect(limited.results.count == 1)
        #expect(limited.total == 2)
        // A phrase no paper contains falls back to its words, with the site's note.
        let fallback = try await site.call("search_papers", ["query": "\"kernels sparse\""]).structured(SearchAnswer.self)
        #expect(fallback.results.map(\.id).contains("2506.00001"))
        #expect(fallback.warnings.contains { $0.contains("No results for the phrase") })
        // Without an arXiv base URL the link is arXiv's.
        let arxiv = try await MCPFixture.make(siteURL: nil)
        let hit = try await arxiv.call("search_papers", ["query": "graph"]).structured(SearchAnswer.self).results.first
        #expect(hit?.url == "https://arxiv.org/abs/2506.00004")
    }

    @Test(arguments: [
        (["limit": 3] as [String: Value], "search_papers needs 'query'."),
        (["query": "x", "limit": 0], "'limit' must be a whole number from 1 to 50, got 0."),
        (["query": "x", "limit": 51], "'limit' must be a whole number from 1 to 50, got 51."),
        (["query": "x", "limit": "many"], "'limit' must be a whole number from 1 to 50, got 'many'."),
        (["query": 42], "'query' must be a string, got a number."),
        (["query": "x", "mode": "fuzzy"], "'mode' must be lexical, semantic or hybrid, got 'fuzzy'."),
        (["query": "x", "limt": 3], "search_papers does not take 'limt'; its arguments are limit, mode, query."),
        (["query": "year:abc"], "year"),
        // No model in the tests: the catalog's own message names the fix.
        (["query": "x", "mode": "semantic"], "scripts/fetch-model.sh"),
    ])
    func searchRefusesBadArgumentsAsToolErrors(arguments: [String: Value], message: String) async throws {
        let site = try await MCPFixture.make()
        let result = try await site.call("search_papers", arguments)
        #expect(result.isError == true)
        #expect(try #require(result.text).contains(message))
    }

    @Test func getPaperAnswersTheSiteMarkdownPage() async throws {
        let site = try await MCPFixture.make()
        let result = try await site.call("get_paper", ["id": "arXiv:2506.00001v2"])
        #expect(result.isError != true)
        let text = try #require(result.text)
        #expect(text == (try await site.markdownPage("2506.00001")))
        #expect(text.hasPrefix("# Sparse attention kernels\n"))
        #expect(text.contains("**Authors:** Ada Lovelace, Alan Turing"))
        #expect(text.contains("We make sparse attention kernels fast on GPUs."))
    }

    @Test func getPaperErrors() async throws {
        let site = try await MCPFixture.make()
        let unknown = try await site.call("get_paper", ["id": "2501.99999"])
        #expect(unknown.isError == true)
        #expect(unknown.text == "Paper 2501.99999 is not on this site; search_papers finds the papers it has.")
        let bad = try await site.call("get_paper", ["id": "not an id"])
        #expect(bad.isError == true)
        #expect(bad.text?.contains("is not a paper id") == true)
        let missing = try await site.call("get_paper")
        #expect(missing.text == "get_paper needs 'id'.")
    }

    @Test func dailyPapersListsDaysWeeksAndMonthsMostUpvotedFirst() async throws {
        let site = try await MCPFixture.make()
        let day = try await site.call("daily_papers", ["date": "2025-06-02"]).structured(DailyAnswer.self)
        #expect(day.period == "2025-06-02")
        #expect(day.papers.map(\.id) == ["2506.00002", "2506.00001"])
        #expect(day.papers.map(\.featuredOn) == ["2025-06-02", "2025-06-02"])
        #expect(day.total == 2)
        let week = try await site.call("daily_papers", ["week": "2025-W23"]).structured(DailyAnswer.self)
        #expect(week.papers.map(\.id) == ["2506.00002", "2506.00003", "2506.00001"])
        let month = try await site.call("daily_papers", ["month": "2025-06", "limit": 2]).structured(DailyAnswer.self)
        #expect(month.papers.map(\.id) == ["2506.00002", "2506.00003"])
        #expect(month.total == 4)
        // No period: the newest day, as the home page.
        let newest = try await site.call("daily_papers").structured(DailyAnswer.self)
        #expect(newest.period == "2025-06-10")
        #expect(newest.papers.map(\.title) == ["Graph networks next week"])
        let empty = try await site.call("daily_papers", ["date": "2024-01-01"]).structured(DailyAnswer.self)
        #expect(empty.papers.isEmpty && empty.total == 0)
    }

    @Test func dailyPapersErrors() async throws {
        let site = try await MCPFixture.make()
        let two = try await site.call("daily_papers", ["date": "2025-06-02", "week": "2025-W23"])
        #expect(two.isError == true)
        #expect(two.text == "Give at most one of 'date', 'week' and 'month' (got date, week).")
        let bad = try await site.call("daily_papers", ["date": "2025-13-01"])
        #expect(bad.isError == true)
        #expect(bad.text?.contains("2025-13-01") == true)
        let limit = try await site.call("daily_papers", ["limit": 101])
        #expect(limit.text == "'limit' must be a whole number from 1 to 100, got 101.")
    }

    @Test func similarPapersLeavesThePaperOut() async throws {
        let site = try await MCPFixture.make()
        let answer = try await site.call("similar_papers", ["id": "2506.00001", "limit": 2]).structured(SimilarAnswer.self)
        #expect(answer.id == "2506.00001")
        #expect(!answer.results.map(\.id).contains("2506.00001"))
        // Without vectors the catalog searches the title: the other "sparse" paper comes first.
        #expect(answer.results.first?.id == "2506.00003")
        let unknown = try await site.call("similar_papers", ["id": "2501.99999"])
        #expect(unknown.isError == true)
        #expect(unknown.text?.contains("not on this site") == true)
    }

    @Test func unknownToolIsAProtocolError() async throws {
        let site = try await MCPFixture.make()
        await #expect(throws: MCPError.self) { _ = try await site.call("delete_everything") }
    }

    @Test func searchWithoutACatalogSaysSo() async throws {
        let site = try await MCPFixture.make()
        let tools = PaperTools(papers: site.stores.papers, catalog: nil, markdown: { $0.paper.title })
        let result = try await tools.call("search_papers", arguments: ["query": "sparse"])
        #expect(result.isError == true)
        #expect(result.text == "Search is not available on this server.")
    }

    @Test func paperResources() async throws {
        let site = try await MCPFixture.make()
        #expect(PaperTools.templates.map(\.uriTemplate) == ["paper://{id}"])
        let listed = try await site.tools.listResources()
        #expect(listed.map(\.uri) == ["paper://2506.00004"])
        #expect(listed.first?.name == "Graph networks next week")
        let read = try await site.tools.readResource("paper://2506.00002")
        #expect(read.contents.first?.text == (try await site.markdownPage("2506.00002")))
        #expect(read.contents.first?.mimeType == "text/markdown")
        do {
            _ = try await site.tools.readResource("paper://2501.99999")
            Issue.record("an unknown paper must not be read")
        } catch {
            #expect(error.code == -32002)
        }
        do {
            _ = try await site.tools.readResource("https://example.org/x")
            Issue.record("another scheme must not be read")
        } catch {
            #expect(error.code == -32602)
        }
    }
}

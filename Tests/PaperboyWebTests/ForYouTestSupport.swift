import Foundation
import Hummingbird
import HummingbirdTesting
import PaperboyCore
import PaperboyStore
import Testing
@testable import PaperboyWeb

/// The community fixture plus a week of papers to recommend: 2025-06-10 (the site's newest day, "today") and
/// 2025-06-09 (the same ISO week, 2025-W24) carry papers of different categories and authors.
///
/// | id | title | day | category | author | upvotes |
/// |---|---|---|---|---|---|
/// | 2506.00004 | Next week paper | 06-10 | cs.LG | the fixture's four | 5 |
/// | 2506.00010 | Vision transformers at scale | 06-10 | cs.CV | Yann Vision | 40 |
/// | 2506.00011 | Parsing with grammars | 06-10 | cs.CL | Noam Parser | 8 |
/// | 2506.00012 | Robot grasping | 06-10 | cs.RO | Rodney Robot | 20 |
/// | 2506.00013 | Parsing, the sequel | 06-09 | cs.CL | Noam Parser | 3 |
/// | 2506.00014 | Parsing, part three | 06-09 | cs.CL | Noam Parser, Ada Byron | 2 |
enum ForYouFixture {
    static let today = try! Day(parsing: "2025-06-10")
    static let yesterday = try! Day(parsing: "2025-06-09")

    static func make() async throws -> CommunityFixture {
        let fx = try await CommunityFixture.make()
        func paper(_ id: String, _ title: String, _ category: String, _ authors: [String], votes: Int) -> Paper {
            var p = WebFixture.paper(id, title: title, votes: votes, categories: [category])
            p.authors = authors.map { Author(name: $0) }
            return p
        }
        let papers = [
            paper("2506.00010", "Vision transformers at scale", "cs.CV", ["Yann Vision"], votes: 40),
            paper("2506.00011", "Parsing with grammars", "cs.CL", ["Noam Parser"], votes: 8),
            paper("2506.00012", "Robot grasping", "cs.RO", ["Rodney Robot"], votes: 20),
            paper("2506.00013", "Parsing, the sequel", "cs.CL", ["Noam Parser"], votes: 3),
            paper("2506.00014", "Parsing, part three", "cs.CL", ["Noam Parser", "Ada Byron"], votes: 2),
        ]
        let entries = [
            DailyEntry(day: today, paperID: papers[0].id, position: 1),
            DailyEntry(day: today, paperID: papers[1].id, position: 2),
            DailyEntry(day: today, paperID: papers[2].id, position: 3),
            DailyEntry(day: yesterday, paperID: papers[3].id, position: 0),
            DailyEntry(day: yesterday, paperID: papers[4].id, position: 1),
        ]
        _ = try await fx.papers.apply(ImportBatch(papers: papers, entries: entries))
        return fx
    }

    /// A signed-in browser for `name` (the user must exist).
    static func browser(_ client: any TestClientProtocol, _ name: String) async throws -> Browser {
        let b = Browser(client)
        try await b.signIn(name)
        return b
    }

    /// The ids of the cards on a page, in order.
    static func cardIDs(_ html: String) -> [String] {
        html.components(separatedBy: "id=\"paper-").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    /// The "Today" section's card ids and the "This week" section's of a For-you page.
    static func sections(_ html: String) -> (today: [String], week: [String]) {
        let parts = html.components(separatedBy: "<h2>This week</h2>")
        guard parts.count == 2 else { return ([], []) }
        return (cardIDs(parts[0]), cardIDs(parts[1]))
    }

    /// The `<article>` opening tag of a paper's card, e.g. `<article class="card read" id="paper-2506.00001">`.
    static func cardTag(_ html: String, _ id: String) -> String? {
        guard let end = html.range(of: " id=\"paper-\(id)\">") else { return nil }
        guard let start = html[..<end.lowerBound].range(of: "<article", options: .backwards) else { return nil }
        return String(html[start.lowerBound..<end.upperBound])
    }

    /// `GET` with a bearer token.
    static func api(_ client: any TestClientProtocol, _ uri: String, token: String?,
                    method: HTTPRequest.Method = .get) async throws -> TestResponse {
        var headers: HTTPFields = [:]
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await client.executeRequest(uri: uri, method: method, headers: headers, body: nil)
    }

    /// A `/api/recommendations` answer as a list of objects.
    static func recommendations(_ response: TestResponse) throws -> [[String: Any]] {
        try #require(try response.json() as? [[String: Any]])
    }

    static func id(_ item: [String: Any]) -> String? { (item["paper"] as? [String: Any])?["id"] as? String }

    static func reason(_ item: [String: Any]) -> (kind: String?, text: String?) {
        let r = item["reason"] as? [String: Any]
        return (r?["kind"] as? String, r?["text"] as? String)
    }
}

import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import PaperboyCore
import PaperboyStore
import Testing
@testable import PaperboyWeb

/// Hugging Face's write endpoints (`/api/papers/submit`, `…/comment`, `…/comment/{cid}/reply`) and
/// `/api/arxiv/{id}/repos`, through the real router on a SQLite file.
@Suite("HF-shaped writes and repos")
struct HFWritesAPITests {
    static func send(_ client: any TestClientProtocol, _ uri: String, token: String?, json: String?,
                     method: HTTPRequest.Method = .post) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await client.executeRequest(uri: uri, method: method, headers: headers,
                                               body: json.map { ByteBuffer(string: $0) })
    }

    static func object(_ r: TestResponse) throws -> [String: Any] { try #require(try r.json() as? [String: Any]) }

    static func errorMessage(_ r: TestResponse) -> String {
        ((try? r.json()) as? [String: Any])?["error"] as? String ?? ""
    }

    /// The ids featured on the fixture clock's day.
    static func today(_ client: any TestClientProtocol) async throws -> [String] {
        let r = try await client.executeRequest(uri: "/api/daily_papers?date=2026-11-29", method: .get, headers: [:], body: nil)
        return try #require(try r.json() as? [[String: Any]]).compactMap { ($0["paper"] as? [String: Any])?["id"] as? String }
    }

    @Test("Without a token every write is 401 JSON; bad input is 400; unknown papers and comments 404")
    func refusals() async throws {
        let fx = try await CommunityFixture.make()
        let grace = try await fx.user("grace")
        let token = try await RecommendationsAPITests.token(fx, grace)
        let other = try await fx.community.addComment(userID: grace.id, paperID: PaperID(unchecked: "2506.00002"), parentID: nil,
                                                      body: "On another paper", at: fx.clock.now)
        try await fx.withApp { client in
            for uri in ["/api/papers/submit", "/api/papers/2506.00001/comment", "/api/papers/2506.00001/comment/1/reply"] {
                for bad in [nil, "pb_wrong"] {
                    let r = try await Self.send(client, uri, token: bad, json: #"{"comment": "x", "paper_id": "2506.00001"}"#)
                    #expect(r.status == .unauthorized, "\(uri)")
                    #expect(r.headers[.wwwAuthenticate] == "Bearer" && !Self.errorMessage(r).isEmpty)
                }
            }
            let long = String(repeating: "a", count: 10_001)
            for (uri, body, needle) in [
                ("/api/papers/2506.00001/comment", #"{"comment": "   "}"#, "empty"),
                ("/api/papers/2506.00001/comment", #"{"comment": "\#(long)"}"#, "10,000"),
                ("/api/papers/2506.00001/comment", #"{"body": "wrong field"}"#, "'comment'"),
                ("/api/papers/2506.00001/comment", "not json", "JSON"),
                ("/api/papers/2506.00001/comment", #"{"comment": 12}"#, "'comment'"),
                ("/api/papers/2506.00001/comment/\(other.id)/reply", #"{"comment": ""}"#, "404"),
                ("/api/papers/submit", #"{"comment": "hi"}"#, "'paper_id'"),
                ("/api/papers/submit", #"{"paper_id": "not an id"}"#, "Invalid arXiv id"),
                ("/api/papers/submit", #"{"paper_id": "2506.00003", "comment": " "}"#, "empty"),
                ("/api/papers/submit", #"{"paper_id": "2506.00003", "comment": "\#(long)"}"#, "10,000"),
            ] {
                let r = try await Self.send(client, uri, token: token, json: body)
                if needle == "404" {
                    #expect(r.status == .notFound, "\(uri)")
                } else {
                    #expect(r.status == .badRequest, "\(uri) \(body.prefix(40))")
                    #expect(Self.errorMessage(r).contains(needle), "\(Self.errorMessage(r))")
                }
            }
            // A refused comment on submit features nothing.
            #expect(try await Self.today(client).isEmpty)
            for uri in ["/api/papers/2599.99999/comment", "/api/papers/2599.99999/comment/\(other.id)/reply",
                        "/api/papers/2506.00001/comment/999999/reply", "/api/papers/2506.00001/comment/abc/reply",
                        "/api/papers/2506.00001/comment/\(other.id)/reply"] {
                let r = try await Self.send(client, uri, token: token, json: #"{"comment": "hello"}"#)
                #expect(r.status == .notFound, "\(uri)")
                #expect(!Self.errorMessage(r).isEmpty)
            }
            #expect(try await fx.community.comments(paperID: PaperID(unchecked: "2506.00001"), includeHidden: true).isEmpty)
        }
    }

    @Test("Comment and reply answer HF's discussion-comment shape and are stored")
    func commentAndReply() async throws {
        let fx = try await CommunityFixture.make()
        let grace = try await fx.user("grace")
        let token = try await RecommendationsAPITests.token(fx, grace)
        try await fx.withApp { client in
            let r = try await Self.send(client, "/api/papers/2506.00001/comment", token: token,
                                        json: #"{"comment": "Nice *results* <b>\n\nsecond"}"#)
            #expect(r.status == .created)
            let comment = try #require(try Self.object(r)["comment"] as? [String: Any])
            let id = try #require(comment["id"] as? String)
            #expect(Int64(id) != nil && comment["type"] as? String == "comment" && comment["paperId"] as? String == "2506.00001")
            #expect((comment["author"] as? [String: Any])?["name"] as? String == "grace")
            #expect(comment["createdAt"] as? String == Timestamp.format(fx.clock.now))
            let data = try #require(comment["data"] as? [String: Any])
            #expect(data["edited"] as? Bool == false && data["hidden"] as? Bool == false)
            let latest = try #require(data["latest"] as? [String: Any])
            #expect(latest["raw"] as? String == "Nice *results* <b>\n\nsecond")
            #expect(latest["html"] as? String == "<p>Nice *results* &lt;b&gt;</p>\n<p>second</p>")
            #expect(comment["parentCommentId"] == nil)

            let reply = try await Self.send(client, "/api/papers/2506.00001/comment/\(id)/reply", token: token,
                                            json: #"{"comment": "A reply"}"#)
            #expect(reply.status == .created)
            let made = try #require(try Self.object(reply)["comment"] as? [String: Any])
            #expect(made["parentCommentId"] as? String == id)
            #expect(((made["data"] as? [String: Any])?["latest"] as? [String: Any])?["raw"] as? String == "A reply")

            let stored = try await fx.community.comments(paperID: PaperID(unchecked: "2506.00001"), includeHidden: false)
            #expect(stored.map(\.body) == ["Nice *results* <b>\n\nsecond", "A reply"])
            #expect(stored.map(\.parentID) == [nil, Int64(id)])
            #expect(stored.allSatisfy { $0.authorID == grace.id })
        }
    }

    @Test("Submit features the paper today for the token's user, with or without a comment")
    func submit() async throws {
        let fx = try await CommunityFixture.make()
        let grace = try await fx.user("grace")
        let token = try await RecommendationsAPITests.token(fx, grace)
        try await fx.withApp { client in
            let r = try await Self.send(client, "/api/papers/submit", token: token,
                                        json: #"{"paper_id": "https://arxiv.org/abs/2506.00002v3", "comment": "Worth a read"}"#)
            #expect(r.status == .ok)
            let body = try Self.object(r)
            let paper = try #require(body["paper"] as? [String: Any])
            #expect(paper["id"] as? String == "2506.00002" && paper["title"] as? String == "Mixture of experts")
            #expect((paper["submittedOnDailyBy"] as? [String: Any])?["name"] as? String == "grace")
            let comment = try #require(body["comment"] as? [String: Any])
            #expect(((comment["data"] as? [String: Any])?["latest"] as? [String: Any])?["raw"] as? String == "Worth a read")
            #expect(try await Self.today(client) == ["2506.00002"])
            #expect(try await fx.community.comments(paperID: PaperID(unchecked: "2506.00002"), includeHidden: false)
                    .map(\.body) == ["Worth a read"])

            let plain = try await Self.send(client, "/api/papers/submit", token: token, json: #"{"paper_id": "2506.00003"}"#)
            #expect(plain.status == .ok)
            let plainBody = try Self.object(plain)
            #expect((plainBody["paper"] as? [String: Any])?["id"] as? String == "2506.00003" && plainBody["comment"] == nil)
            #expect(try await Self.today(client) == ["2506.00002", "2506.00003"])
            // An id arXiv is asked about while unreachable: 503, nothing featured.
            let unknown = try await Self.send(client, "/api/papers/submit", token: token, json: #"{"paper_id": "2501.99999"}"#)
            #expect(unknown.status == .serviceUnavailable, "\(unknown.status) \(unknown.text)")
            #expect(!Self.errorMessage(unknown).isEmpty)
            #expect(try await Self.today(client).count == 2)
        }
    }

    @Test("/api/arxiv/{id}/repos lists the githubRepo and the links in the abstract, comment and discussion")
    func repos() async throws {
        let fx = try await CommunityFixture.make()
        let grace = try await fx.user("grace")
        var paper = try #require(try await fx.papers.paper(PaperID(unchecked: "2506.00003"))).paper
        paper.abstract = "We release code at https://github.com/example/2506.00003 and weights at https://huggingface.co/acme/model-7b."
        paper.comment = "Mirror: https://gitlab.com/acme/tool"
        paper.source = "arxiv-api"
        _ = try await fx.papers.apply(ImportBatch(papers: [paper], entries: []))
        _ = try await fx.community.addComment(userID: grace.id, paperID: paper.id, parentID: nil,
                                              body: "Data: https://huggingface.co/datasets/acme/corpus", at: fx.clock.now)
        try await fx.withApp { client in
            let r = try await client.executeRequest(uri: "/api/arxiv/2506.00003/repos", method: .get, headers: [:], body: nil)
            #expect(r.status == .ok)
            let list = try #require(try r.json() as? [[String: Any]])
            #expect(list.map { $0["url"] as? String } == ["https://github.com/example/2506.00003", "https://huggingface.co/acme/model-7b",
                                                         "https://gitlab.com/acme/tool", "https://huggingface.co/datasets/acme/corpus"])
            #expect(list.map { $0["source"] as? String } == ["githubRepo", "abstract", "comment", "discussion"])
            #expect(list.map { $0["type"] as? String } == ["code", "model", "code", "dataset"])
            #expect(list.first?["id"] as? String == "example/2506.00003" && list.first?["host"] as? String == "github")
            // The fixture's project page is `javascript:…`: not a repository. A paper with nothing known: [].
            let none = try await client.executeRequest(uri: "/api/arxiv/2506.00004/repos", method: .get, headers: [:], body: nil)
            #expect((try none.json() as? [[String: Any]])?.map { $0["url"] as? String } == ["https://github.com/example/2506.00004"])
            let missing = try await client.executeRequest(uri: "/api/arxiv/2599.99999/repos", method: .get, headers: [:], body: nil)
            #expect(missing.status == .notFound && !Self.errorMessage(missing).isEmpty)
        }
    }
}

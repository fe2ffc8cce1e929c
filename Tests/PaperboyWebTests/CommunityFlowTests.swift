import Foundation
import Hummingbird
import HummingbirdTesting
import PaperboyCore
import PaperboyStore
import Testing
@testable import PaperboyWeb

@Suite("Comments, submissions, collections, claims, moderation")
struct CommunityFlowTests {
    @Test func commentsRepliesEditsAndRefusals() async throws {
        let fx = try await CommunityFixture.make()
        try await fx.user("grace")
        try await fx.user("alan")
        try await fx.withApp { client in
            let grace = Browser(client), alan = Browser(client)
            try await grace.signIn("grace")
            try await alan.signIn("alan")
            let g = try await grace.csrf(), a = try await alan.csrf()
            let made = try await grace.post("/papers/comment", [("_csrf", g), ("paper", "2506.00001"),
                                                                ("body", "Nice **kernels**, see [code](https://example.org/x).")])
            #expect(made.status == .seeOther)
            let top = try #require(try await fx.community.comments(paperID: PaperID(unchecked: "2506.00001"), includeHidden: false).first)
            #expect(made.location == "/papers/2506.00001#comment-\(top.id)")
            let reply = try await alan.post("/papers/comment", [("_csrf", a), ("paper", "2506.00001"), ("parent", "\(top.id)"),
                                                                ("body", "Agreed.")])
            #expect(reply.status == .seeOther)
            let page = try await grace.get("/papers/2506.00001")
            #expect(page.text.contains("<strong>kernels</strong>"))
            #expect(page.text.contains("<a href=\"https://example.org/x\" rel=\"nofollow ugc noopener\">code</a>"))
            #expect(page.text.contains("class=\"replies\""))
            #expect(page.text.contains("Agreed."))
            // Counts: 3 imported + 2 here, in the API too.
            #expect(try await fx.papers.paper(PaperID(unchecked: "2506.00001"))?.comments == 5)
            let api = try JSONSerialization.jsonObject(with: Data(try await grace.get("/api/papers/2506.00001").text.utf8)) as? [String: Any]
            #expect(api?["numComments"] as? Int == 5)
            // Someone else's comment: no edit, no delete.
            #expect(try await alan.get("/comments/\(top.id)/edit").status == .forbidden)
            #expect(try await alan.post("/comments/\(top.id)/edit", [("_csrf", a), ("body", "hijacked")]).status == .forbidden)
            #expect(try await alan.post("/comments/\(top.id)/delete", [("_csrf", a)]).status == .forbidden)
            #expect(try await alan.post("/comments/\(top.id)/hide", [("_csrf", a)]).status == .forbidden)
            // Own comment: edit, then delete (the reply goes with it).
            #expect(try await grace.get("/comments/\(top.id)/edit").text.contains("Nice **kernels**"))
            #expect(try await grace.post("/comments/\(top.id)/edit", [("_csrf", g), ("body", "Edited _text_")]).status == .seeOther)
            let edited = try await grace.get("/papers/2506.00001")
            #expect(edited.text.contains("<em>text</em>") && edited.text.contains("edited"))
            #expect(try await grace.post("/comments/\(top.id)/edit", [("_csrf", g), ("body", "   ")]).status == .badRequest)
            #expect(try await grace.post("/comments/\(top.id)/delete", [("_csrf", g)]).status == .seeOther)
            #expect(try await fx.papers.paper(PaperID(unchecked: "2506.00001"))?.comments == 3)
            // Anonymous visitors see a sign-in link instead of the form.
            #expect(try await Browser(client).get("/papers/2506.00001").text.contains("to comment."))
        }
    }

    @Test func commentsAPI() async throws {
        let fx = try await CommunityFixture.make()
        let grace = try await fx.user("grace"), alan = try await fx.user("alan")
        let g = try await APITokens.create(for: grace, label: "", store: fx.accounts, at: fx.clock.now).secret
        let a = try await APITokens.create(for: alan, label: "", store: fx.accounts, at: fx.clock.now).secret
        try await fx.withApp { client in
            func send(_ uri: String, _ method: HTTPRequest.Method, _ token: String?, _ json: String?) async throws -> TestResponse {
                var headers: HTTPFields = [.contentType: "application/json"]
                if let token { headers[.authorization] = "Bearer \(token)" }
                return try await client.executeRequest(uri: uri, method: method, headers: headers,
                                                       body: json.map { ByteBuffer(string: $0) })
            }
            let anonymous = try await send("/api/papers/2506.00002/comments", .post, nil, "{\"body\":\"hi\"}")
            #expect(anonymous.status == .unauthorized)
            let made = try await send("/api/papers/2506.00002/comments", .post, g, "{\"body\":\"From the *API*\"}")
            #expect(made.status == .created)
            let id = try #require((try JSONSerialization.jsonObject(with: Data(String(buffer: made.body).utf8)) as? [String: Any])?["id"] as? Int)
            #expect(try await send("/api/papers/2506.00002/comments", .post, g, "{\"nobody\":1}").status == .badRequest)
            #expect(try await send("/api/comments/\(id)", .patch, a, "{\"body\":\"mine now\"}").status == .forbidden)
            #expect(try await send("/api/comments/\(id)", .delete, a, nil).status == .forbidden)
            #expect(try await send("/api/comments/\(id)", .patch, g, "{\"body\":\"edited\"}").status == .ok)
            let list = try await send("/api/papers/2506.00002/comments", .get, nil, nil)
            #expect(String(buffer: list.body).contains("\"body\":\"edited\""))
            #expect(String(buffer: list.body).contains("\"user\":\"grace\""))
            #expect(try await send("/api/comments/\(id)", .delete, g, nil).status == .noContent)
            #expect(try await send("/api/papers/2506.09999/comments", .get, nil, nil).status == .notFound)
        }
    }

    @Test func submissionsFeatureKnownPapersToday() async throws {
        let fx = try await CommunityFixture.make()
        try await fx.user("grace")
        try await fx.withApp { client in
            let b = Browser(client)
            #expect(try await b.get("/papers/submit").location == "/signin?next=/papers/submit")
            try await b.signIn("grace")
            let csrf = try await b.csrf(from: "/papers/submit")
            let today = Day(secondsSinceEpoch: fx.clock.now.timeIntervalSince1970)
            let ok = try await b.post("/papers/submit", [("_csrf", csrf), ("paper", "https://arxiv.org/pdf/2506.00003v2")])
            #expect(ok.status == .seeOther)
            #expect(ok.location == "/papers/date/\(today)#paper-2506.00003")
            let page = try await b.get("/papers/date/\(today)")
            #expect(page.text.contains("Third paper") && page.text.contains("submitted by grace"))
            let api = try await b.get("/api/daily_papers?date=\(today)")
            let entries = try #require(try JSONSerialization.jsonObject(with: Data(api.text.utf8)) as? [[String: Any]])
            let by = (entries.first?["paper"] as? [String: Any])?["submittedOnDailyBy"] as? [String: Any]
            #expect(by?["user"] as? String == "grace")
            // Once per paper per day.
            let again = try await b.post("/papers/submit", [("_csrf", csrf), ("paper", "arXiv:2506.00003")])
            #expect(again.status == .conflict && again.text.contains("already on"))
            // An unknown paper while arXiv cannot be reached (the test site is offline): a clear 503.
            let unknown = try await b.post("/papers/submit", [("_csrf", csrf), ("paper", "https://arxiv.org/abs/hep-th/9901001v1")])
            #expect(unknown.status == .serviceUnavailable)
            #expect(unknown.text.contains("arXiv"))
            #expect(try await b.post("/papers/submit", [("_csrf", csrf), ("paper", "not an id")]).status == .badRequest)
        }
    }

    @Test func unknownPapersAreFetchedWhenAFetcherIsConfigured() async throws {
        struct Fetcher: PaperFetcher {
            let store: any PaperStore
            func fetchAndStore(_ id: ArxivID) async throws -> PaperID? {
                guard id.base == "hep-th/9901001" else { return nil }
                let paper = Paper(id: PaperID(arxiv: id), title: "Fetched old-style paper", source: "arxiv-api")
                _ = try await store.apply(ImportBatch(papers: [paper]))
                return paper.id
            }
        }
        let fx = try await CommunityFixture.make()
        let grace = try await fx.user("grace")
        let clock = fx.clock
        let submit = SubmitController(papers: fx.papers, fetcher: Fetcher(store: fx.papers), clock: { clock.now },
                                      community: fx.community, pages: try await PageRenderer.load())
        let entry = try await submit.submit("hep-th/9901001", by: grace)
        #expect(entry.paperID.rawValue == "hep-th/9901001" && entry.submitter?.username == "grace")
        await #expect(throws: PaperboyError.self) { try await submit.submit("2506.09998", by: grace) }
    }

    @Test func collectionsPublicPrivateAndOwnership() async throws {
        let fx = try await CommunityFixture.make()
        try await fx.user("grace")
        try await fx.user("alan")
        try await fx.withApp { client in
            let grace = Browser(client), alan = Browser(client)
            try await grace.signIn("grace")
            try await alan.signIn("alan")
            let g = try await grace.csrf(), a = try await alan.csrf()
            let made = try await grace.post("/collections", [("_csrf", g), ("name", "Sparse things!"), ("description", "mine"),
                                                             ("public", "1"), ("paper", "2506.00001")])
            #expect(made.location == "/papers/2506.00001#collections")
            let secret = try await grace.post("/collections", [("_csrf", g), ("name", "Secret list")])
            #expect(secret.location == "/collections/grace/secret-list")
            let publicID = try #require(try await fx.community.collection(owner: "grace", slug: "sparse-things")?.id)
            let privateID = try #require(try await fx.community.collection(owner: "grace", slug: "secret-list")?.id)
            #expect(try await grace.post("/collections/items", [("_csrf", g), ("collection", "\(privateID)"),
                                                                ("paper", "2506.00002")]).status == .seeOther)
            let shown = try await alan.get("/collections/grace/sparse-things")
            #expect(shown.status == .ok && shown.text.contains("Sparse attention"))
            #expect(try await alan.get("/collections/grace/secret-list").status == .notFound)
            #expect(try await Browser(client).get("/collections/grace/secret-list").status == .notFound)
            let own = try await grace.get("/collections/grace/secret-list")
            #expect(own.status == .ok && own.text.contains("Mixture of experts") && own.text.contains("private"))
            // Others can neither add to nor delete someone's collection.
            #expect(try await alan.post("/collections/items", [("_csrf", a), ("collection", "\(publicID)"),
                                                               ("paper", "2506.00003")]).status == .forbidden)
            #expect(try await alan.post("/collections/grace/sparse-things/delete", [("_csrf", a)]).status == .forbidden)
            // Profile: public collections for others, both for the owner.
            #expect(!(try await alan.get("/grace")).text.contains("Secret list"))
            #expect((try await grace.get("/grace")).text.contains("Secret list"))
            // Remove from the paper page, then delete.
            #expect(try await grace.post("/collections/items", [("_csrf", g), ("collection", "\(publicID)"),
                                                                ("paper", "2506.00001"), ("include", "0")]).status == .seeOther)
            #expect(try await fx.community.collection(id: publicID)?.paperIDs.isEmpty == true)
            #expect(try await grace.post("/collections/grace/sparse-things/delete", [("_csrf", g)]).location == "/grace")
            #expect(try await alan.get("/collections/grace/sparse-things").status == .notFound)
        }
    }

    @Test func authorPagesClaimsAndModeration() async throws {
        let fx = try await CommunityFixture.make()
        try await fx.user("ada")
        try await fx.user("mod", moderator: true)
        try await fx.withApp { client in
            let ada = Browser(client), mod = Browser(client)
            try await ada.signIn("ada")
            try await mod.signIn("mod")
            let a = try await ada.csrf(), m = try await mod.csrf()
            let author = try await ada.get("/authors/Ada%20Lovelace")
            #expect(author.status == .ok)
            for title in ["Sparse attention", "Mixture of experts", "Third paper", "Next week paper"] {
                #expect(author.text.contains(title))
            }
            #expect(try await ada.get("/authors/Nobody%20Here").status == .notFound)
            #expect(try await ada.post("/papers/claim", [("_csrf", a), ("paper", "2506.00001"), ("author", "Not An Author")])
                .status == .notFound)
            #expect(try await ada.post("/papers/claim", [("_csrf", a), ("paper", "2506.00001"), ("author", "Ada Lovelace")])
                .location == "/papers/2506.00001#claim")
            #expect(try await ada.get("/papers/2506.00001").text.contains("pending"))
            #expect(try await ada.post("/papers/claim", [("_csrf", a), ("paper", "2506.00001"), ("author", "Alan Turing")])
                .status == .conflict)
            // Only moderators see and decide claims.
            #expect(try await ada.get("/moderation").status == .forbidden)
            #expect(try await Browser(client).get("/moderation").status == .unauthorized)
            let queue = try await mod.get("/moderation")
            #expect(queue.text.contains("Ada Lovelace"))
            let claim = try #require(try await fx.community.claims(status: .pending, userID: nil, limit: 10).first)
            #expect(try await ada.post("/moderation/claims", [("_csrf", a), ("claim", "\(claim.id)"), ("decision", "approve")])
                .status == .forbidden)
            #expect(try await mod.post("/moderation/claims", [("_csrf", m), ("claim", "\(claim.id)"), ("decision", "approve")])
                .status == .seeOther)
            let page = try await ada.get("/papers/2506.00001")
            #expect(page.text.contains("href=\"/ada\" title=\"Verified author\""))
            let api = try await ada.get("/api/papers/2506.00001")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(api.text.utf8)) as? [String: Any])
            let first = try #require((json["authors"] as? [[String: Any]])?.first)
            #expect(first["name"] as? String == "Ada Lovelace")
            #expect((first["user"] as? [String: Any])?["user"] as? String == "ada")
            #expect(first["status"] as? String == "claimed_verified")
            #expect((try await ada.get("/ada")).text.contains("Author of"))
            // Moderators hide comments and take papers off a day.
            _ = try await ada.post("/papers/comment", [("_csrf", a), ("paper", "2506.00002"), ("body", "spam spam")])
            let comment = try #require(try await fx.community.comments(paperID: PaperID(unchecked: "2506.00002"), includeHidden: true).first)
            #expect(try await mod.post("/comments/\(comment.id)/hide", [("_csrf", m), ("hidden", "1")]).status == .seeOther)
            #expect(!(try await ada.get("/papers/2506.00002")).text.contains("spam spam"))
            #expect((try await mod.get("/papers/2506.00002")).text.contains("hidden by a moderator"))
            #expect(try await fx.papers.paper(PaperID(unchecked: "2506.00002"))?.comments == 3)
            #expect(try await ada.post("/moderation/remove-entry", [("_csrf", a), ("paper", "2506.00002"), ("day", "2025-06-02")])
                .status == .forbidden)
            #expect(try await mod.post("/moderation/remove-entry", [("_csrf", m), ("paper", "2506.00002"), ("day", "2025-06-02")])
                .status == .seeOther)
            #expect(!(try await ada.get("/papers/date/2025-06-02")).text.contains("Mixture of experts"))
            #expect(try await mod.post("/moderation/remove-entry", [("_csrf", m), ("paper", "2506.00002"), ("day", "2025-06-02")])
                .status == .notFound)
        }
    }

    @Test func profilesListActivity() async throws {
        let fx = try await CommunityFixture.make()
        let grace = try await fx.user("grace")
        _ = try await fx.community.setUpvote(userID: grace.id, paperID: PaperID(unchecked: "2506.00003"), to: true, at: fx.clock.now)
        _ = try await fx.community.addComment(userID: grace.id, paperID: PaperID(unchecked: "2506.00003"), parentID: nil,
                                              body: "A profile comment", at: fx.clock.now)
        try await fx.withApp { client in
            let page = try await Browser(client).get("/grace")
            #expect(page.status == .ok)
            #expect(page.text.contains("Third paper") && page.text.contains("A profile comment"))
            #expect(try await Browser(client).get("/nobody-here").status == .notFound)
        }
    }
}

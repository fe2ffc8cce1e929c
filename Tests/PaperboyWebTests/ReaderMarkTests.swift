import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import PaperboyCore
import PaperboyStore
import Testing
@testable import PaperboyWeb

@Suite("Reader marks: read and not interested on every card")
struct ReaderMarkTests {
    /// Grace marks a card read from a day's list: her cards of that paper are dimmed on every list page (filled
    /// into the shared skeleton per request), Alan — reading the same cached skeleton — sees it normal, and the
    /// anonymous page has no mark forms at all.
    @Test func readCardsAreDimmedOnlyForTheReaderWhoMarkedThem() async throws {
        let fx = try await ForYouFixture.make()
        let grace = try await fx.user("grace")
        try await fx.user("alan")
        try await fx.withApp { client in
            let anon = Browser(client)
            let g = try await ForYouFixture.browser(client, "grace"), a = try await ForYouFixture.browser(client, "alan")
            let csrf = try await g.csrf(from: "/papers/date/2025-06-02")
            let day = try await g.get("/papers/date/2025-06-02")
            #expect(day.text.contains("action=\"/papers/2506.00001/read\""))
            #expect(day.text.contains("<input type=\"hidden\" name=\"back\" value=\"/papers/date/2025-06-02\">"))
            let marked = try await g.post("/papers/2506.00001/read",
                                          [("_csrf", csrf), ("on", "1"), ("back", "/papers/date/2025-06-02")])
            #expect(marked.status == .seeOther && marked.location == "/papers/date/2025-06-02#paper-2506.00001")
            #expect(try await fx.community.markedPapers(.read, userID: grace.id, limit: 10) == [PaperID(unchecked: "2506.00001")])

            for uri in ["/papers/date/2025-06-02", "/papers/week/2025-W23", "/papers/month/2025-06", "/search?q=sparse"] {
                _ = try await anon.get(uri)   // the shared copy first
                for round in 0..<2 {          // the second round fills the cached skeleton
                    let gp = try await g.get(uri), ap = try await a.get(uri), np = try await anon.get(uri)
                    #expect(ForYouFixture.cardTag(gp.text, "2506.00001") == "<article class=\"card read\" id=\"paper-2506.00001\">",
                            "\(uri) round \(round): grace's read card is dimmed")
                    #expect(gp.text.contains(">Mark unread</button>"), "\(uri)")
                    #expect(ForYouFixture.cardTag(ap.text, "2506.00001") == "<article class=\"card\" id=\"paper-2506.00001\">",
                            "\(uri) round \(round): alan sees grace's read mark")
                    #expect(!ap.text.contains("Mark unread") && !ap.text.contains("card read"), "\(uri)")
                    #expect(ForYouFixture.cardTag(np.text, "2506.00001") == "<article class=\"card\" id=\"paper-2506.00001\">")
                    #expect(!np.text.contains("data-mark"), "\(uri): mark forms for an anonymous visitor")
                }
            }
            // Not interested, from a list: the card offers Undo (for grace only); Undo takes it back.
            let dismissed = try await g.post("/papers/2506.00002/not-interested",
                                             [("_csrf", csrf), ("back", "/papers/date/2025-06-02")])
            #expect(dismissed.location == "/papers/date/2025-06-02#paper-2506.00002")
            let after = try await g.get("/papers/date/2025-06-02")
            #expect(ForYouFixture.cardTag(after.text, "2506.00002") == "<article class=\"card dismissed\" id=\"paper-2506.00002\">")
            #expect(after.text.contains("<input type=\"hidden\" name=\"on\" value=\"0\"><input type=\"hidden\" name=\"back\" value=\"/papers/date/2025-06-02\"><button type=\"submit\" class=\"link\">Undo not interested</button>"))
            #expect(!(try await a.get("/papers/date/2025-06-02")).text.contains("Undo not interested"))
            _ = try await g.post("/papers/2506.00002/not-interested", [("_csrf", csrf), ("on", "0")])
            #expect(try await fx.community.markedPapers(.notInterested, userID: grace.id, limit: 10).isEmpty)

            // The card script gets JSON; a marking needs the CSRF token and a session.
            let json = try await g.post("/papers/2506.00001/read", [("_csrf", csrf), ("on", "0")],
                                        headers: [.accept: "application/json"])
            #expect(json.status == .ok)
            let state = try #require(try JSONSerialization.jsonObject(with: Data(json.text.utf8)) as? [String: Any])
            #expect(state["paper"] as? String == "2506.00001" && state["read"] as? Bool == false
                    && state["notInterested"] as? Bool == false)
            #expect(try await g.post("/papers/2506.00001/read", [("on", "1")]).status == .forbidden)
            let token = try #require(try await anon.get("/signin").csrf)
            #expect(try await anon.post("/papers/2506.00001/read", [("_csrf", token)]).location?.hasPrefix("/signin") == true)
            #expect(try await anon.post("/papers/2506.00001/read", [("_csrf", token)],
                                        headers: [.accept: "application/json"]).status == .unauthorized)
            #expect(try await g.post("/papers/2506.09999/read", [("_csrf", csrf)]).status == .notFound)
            #expect(try await g.post("/papers/nonsense/not-interested", [("_csrf", csrf)]).status == .notFound)
        }
    }

    /// The skeleton carries placeholders for every card's marks and none of anyone's values.
    @Test func theSkeletonHoldsPlaceholdersAndEachFillIsOneReaders() throws {
        var a = PaperCardView(paper: WebFixture.paper("2506.00001", title: "A", votes: 1), upvotes: 1, comments: 0,
                              day: nil, submitter: nil, rank: 1)
        var b = PaperCardView(paper: WebFixture.paper("2506.00002", title: "B", votes: 2), upvotes: 2, comments: 0,
                              day: nil, submitter: nil, rank: 2)
        a.back = "/papers/date/2025-06-02"
        b.back = a.back
        let marker = "pbfeedfacecafebeef"
        var cards = [a, b]
        for i in cards.indices {
            cards[i].setVoteMarks(pressed: "\(marker)p\(i)_", voteClass: "\(marker)o\(i)_")
            cards[i].setMarkSlots(.init(cardClass: "\(marker)r\(i)_", readOn: "\(marker)a\(i)_", readLabel: "\(marker)b\(i)_",
                                        dismissOn: "\(marker)n\(i)_", dismissLabel: "\(marker)m\(i)_"))
        }
        let html = cards.map { c in
            "<article class=\"card\(c.markSlots.cardClass)\" id=\"paper-\(c.id)\"><input name=\"on\" value=\"\(c.markSlots.readOn)\">"
                + "<button>\(c.markSlots.readLabel)</button><input name=\"on\" value=\"\(c.markSlots.dismissOn)\">"
                + "<button>\(c.markSlots.dismissLabel)</button><b class=\"votes\(c.voteClass)\">\(c.pressed)</b></article>"
        }.joined()
        let skeleton = PageSkeleton.parse(html, marker: marker, paperIDs: cards.map(\.id))
        #expect(skeleton.slots.count == 14)
        #expect(!skeleton.literals.joined().contains(marker))
        let graces = skeleton.fill(username: "grace", csrf: "t", upvoted: [false, true], marks: [[.read], [.notInterested]])
        #expect(graces.contains("<article class=\"card read\" id=\"paper-2506.00001\"><input name=\"on\" value=\"0\"><button>Mark unread</button><input name=\"on\" value=\"1\"><button>Not interested</button><b class=\"votes\">false</b>"))
        #expect(graces.contains("<article class=\"card dismissed\" id=\"paper-2506.00002\"><input name=\"on\" value=\"1\"><button>Mark read</button><input name=\"on\" value=\"0\"><button>Undo not interested</button><b class=\"votes on\">true</b>"))
        let alans = skeleton.fill(username: "alan", csrf: "u", upvoted: [false, false])
        #expect(alans.components(separatedBy: "<article class=\"card\" id=").count == 3, "no marks: plain cards")
        #expect(!alans.contains("Mark unread") && !alans.contains("Undo"))
    }
}

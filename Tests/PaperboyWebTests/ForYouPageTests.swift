import Foundation
import Hummingbird
import HummingbirdTesting
import PaperboyCore
import PaperboyStore
import Testing
@testable import PaperboyWeb

@Suite("For you: the page, onboarding and privacy")
struct ForYouPageTests {
    @Test func theTabNeedsSignInAndIsNeverStored() async throws {
        let fx = try await ForYouFixture.make()
        try await fx.user("grace")
        try await fx.withApp { client in
            let anon = Browser(client)
            let refused = try await anon.get("/papers/for-you")
            #expect(refused.status == .seeOther && refused.location == "/signin?next=/papers/for-you")
            let day = try await anon.get("/papers/date/2025-06-10")
            #expect(!day.text.contains("href=\"/papers/for-you\""), "anonymous visitors see no For-you tab")

            let grace = try await ForYouFixture.browser(client, "grace")
            let feed = try await grace.get("/papers/date/2025-06-10")
            #expect(feed.text.contains("<a href=\"/papers/for-you\">For you</a>"))
            let page = try await grace.get("/papers/for-you")
            #expect(page.status == .ok)
            #expect(page.headers[.cacheControl] == "private, no-store")
            #expect(page.text.contains("class=\"active\" aria-current=\"page\">For you</a>"))
            // The site's "today" is its newest day; the week is that day's ISO week.
            #expect(page.text.contains("<h2>Today</h2>") && page.text.contains("Tuesday, June 10, 2025"))
            #expect(page.text.contains("<h2>This week</h2>") && page.text.contains("Week 24, 2025"))
            let (today, week) = ForYouFixture.sections(page.text)
            #expect(Set(today) == ["2506.00004", "2506.00010", "2506.00011", "2506.00012"])
            #expect(Set(week) == ["2506.00013", "2506.00014"], "the week section leaves out today's papers")
            // Cold start: the onboarding form is open, the lists are by popularity, each card says why.
            #expect(page.text.contains("<details class=\"onboarding\" open>"))
            #expect(today.first == "2506.00010")
            #expect(page.text.contains("<p class=\"why\">Popular with readers</p>"))
            for category in ["cs.CL", "cs.CV", "cs.LG", "cs.RO"] {
                #expect(page.text.contains("name=\"cat:\(category)\""), "\(category) is offered")
            }
            // Twice: the second request must not come from any cache either.
            #expect(try await grace.get("/papers/for-you").headers[.cacheControl] == "private, no-store")
        }
    }

    @Test func onboardingStoresFollowsAndUpvotesAndTheChosenCategoryRanksFirst() async throws {
        let fx = try await ForYouFixture.make()
        let grace = try await fx.user("grace")
        try await fx.withApp { client in
            let b = try await ForYouFixture.browser(client, "grace")
            let csrf = try await b.csrf(from: "/papers/for-you")
            // Refusals store nothing and keep what was typed.
            let noCSRF = try await b.post("/papers/for-you/start", [("cat:cs.CL", "1")])
            #expect(noCSRF.status == .forbidden)
            let empty = try await b.post("/papers/for-you/start", [("_csrf", csrf)])
            #expect(empty.status == .badRequest && empty.text.contains("Pick at least one category"))
            let bad = try await b.post("/papers/for-you/start", [("_csrf", csrf), ("cat:cs.CL", "1"), ("papers", "not-a-paper")])
            #expect(bad.status == .badRequest && bad.text.contains("Not a paper id or arXiv link:") && bad.text.contains("not-a-paper"))
            #expect(bad.text.contains(">not-a-paper</textarea>"))
            let unknown = try await b.post("/papers/for-you/start", [("_csrf", csrf), ("papers", "2506.09999")])
            #expect(unknown.status == .badRequest && unknown.text.contains("Not on this site (yet): 2506.09999"))
            let badCategory = try await b.post("/papers/for-you/start", [("_csrf", csrf), ("categories", "<b>")])
            #expect(badCategory.status == .badRequest)
            #expect(try await fx.stores.delivery.follows(userID: grace.id).isEmpty)
            #expect(try await fx.community.upvotedPapers(userID: grace.id, limit: 10).isEmpty)

            // Categories from the boxes and the text field, a seed paper pasted as an arXiv URL.
            let done = try await b.post("/papers/for-you/start", [
                ("_csrf", csrf), ("cat:cs.CL", "1"), ("categories", "q-bio.NC, cs.CL"),
                ("papers", "https://arxiv.org/abs/2506.00012v2\n"),
            ])
            #expect(done.status == .seeOther && done.location == "/papers/for-you")
            let follows = try await fx.stores.delivery.follows(userID: grace.id)
            #expect(Set(follows) == [try Follow(kind: .category, value: "cs.CL"), try Follow(kind: .category, value: "q-bio.NC")])
            #expect(try await fx.community.upvotedPapers(userID: grace.id, limit: 10) == [PaperID(unchecked: "2506.00012")])

            let page = try await b.get("/papers/for-you")
            let (today, week) = ForYouFixture.sections(page.text)
            #expect(today.first == "2506.00011", "the cs.CL paper (8 upvotes) is ranked above 40 upvotes of cs.CV")
            #expect(week.first == "2506.00013")
            #expect(page.text.contains("<p class=\"why\">In cs.CL, which you follow</p>"))
            #expect(!page.text.contains("<details class=\"onboarding\" open>"), "onboarding folds away once there are signals")
            #expect(page.text.contains("name=\"cat:cs.CL\" value=\"1\" checked"), "followed categories are ticked")
        }
    }

    @Test func aReaderSeesNoOneElsesSignals() async throws {
        let fx = try await ForYouFixture.make()
        let grace = try await fx.user("grace")
        try await fx.user("alan")
        // Grace likes Noam Parser, reads one paper and says no to another.
        let now = fx.clock.now
        _ = try await fx.community.setUpvote(userID: grace.id, paperID: PaperID(unchecked: "2506.00013"), to: true, at: now)
        try await fx.community.setMark(.read, userID: grace.id, paperID: PaperID(unchecked: "2506.00011"), on: true, at: now)
        try await fx.community.setMark(.notInterested, userID: grace.id, paperID: PaperID(unchecked: "2506.00010"), on: true, at: now)
        try await fx.withApp { client in
            let g = try await ForYouFixture.browser(client, "grace"), a = try await ForYouFixture.browser(client, "alan")
            let gp = try await g.get("/papers/for-you"), ap = try await a.get("/papers/for-you")
            #expect(!ForYouFixture.cardIDs(gp.text).contains("2506.00010"), "grace's not-interested paper leaves her feed")
            #expect(gp.text.contains("By Noam Parser, whose papers you liked"))
            #expect(ForYouFixture.cardTag(gp.text, "2506.00011") == "<article class=\"card read\" id=\"paper-2506.00011\">")
            // Alan has told the site nothing: his page is the cold-start one, with none of grace's marks or likes.
            #expect(ap.text.contains("<details class=\"onboarding\" open>"))
            #expect(ForYouFixture.cardIDs(ap.text).contains("2506.00010"))
            #expect(ForYouFixture.cardIDs(ap.text).contains("2506.00013"), "grace's upvote does not hide it from alan")
            #expect(ForYouFixture.cardTag(ap.text, "2506.00011") == "<article class=\"card\" id=\"paper-2506.00011\">")
            #expect(!ap.text.contains("whose papers you liked") && !ap.text.contains("card read"))
            #expect(!ap.text.contains("will not be recommended again"))
            // Nor can alan borrow grace's Undo notice.
            #expect(!(try await a.get("/papers/for-you?undo=2506.00010")).text.contains("will not be recommended again"))
        }
    }
}

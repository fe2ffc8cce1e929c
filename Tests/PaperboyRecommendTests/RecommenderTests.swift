import Foundation
import PaperboyCore
import PaperboyStore
import PaperboyVectors
import Testing
@testable import PaperboyRecommend

@Suite("Recommender: the ranking readers get")
struct RecommenderTests {
    @Test func aReaderWhoLikesOneCategoryGetsThatCategoryFirst() async throws {
        for (c, category) in RecommendFixture.categories.enumerated() {
            let site = try await RecommendFixture.make()
            let reader = try await site.user("reader\(c)")
            try await site.upvote(reader, Array(site.ids(in: category).prefix(3)))
            let list = try await site.recommender().recommend(userID: reader.id, username: reader.username,
                                                              window: RecommendFixture.window, limit: 40)
            let top = list.items.prefix(7).map { site.category(of: $0.paperID) }
            #expect(top == Array(repeating: category, count: 7), "\(category): \(top)")
            #expect(list.items.prefix(7).allSatisfy {
                switch $0.reason {
                case .similar(let liked, _): site.category(of: liked) == category
                case .category(let c, followed: false): c == category
                default: false
                }
            }, "the vectors and the liked papers' category are what tie them: \(list.items.prefix(7).map(\.reason))")
            #expect(!list.coldStart)
        }
    }

    @Test func upvotedPapersNeverComeBackAndNotInterestedLeavesForGood() async throws {
        let site = try await RecommendFixture.make()
        let reader = try await site.user("reader")
        let liked = Array(site.ids(in: "cs.CV").prefix(3))
        try await site.upvote(reader, liked)
        let recommender = site.recommender()
        let first = try await recommender.recommend(userID: reader.id, username: nil, window: RecommendFixture.window, limit: 40)
        #expect(Set(first.items.map(\.paperID)).isDisjoint(with: liked))
        let unwanted = try #require(first.items.first).paperID
        try await site.stores.community.setMark(.notInterested, userID: reader.id, paperID: unwanted, on: true, at: RecommendFixture.at)
        for more in site.ids(in: "cs.CV").dropFirst(5).prefix(3) {
            try await site.upvote(reader, [more])
            let list = try await recommender.recommend(userID: reader.id, username: nil, window: RecommendFixture.window, limit: 40)
            #expect(!list.items.map(\.paperID).contains(unwanted))
            #expect(!list.items.map(\.paperID).contains(more))
        }
    }

    @Test func papersByALikedAuthorComeFirstAndSayWhy() async throws {
        let shared = Author(name: "Grace Hopper")
        let extra = (0..<4).map { i in
            Paper(id: PaperID(unchecked: "2603.0900\(i)"), title: "Compilers \(i)", authors: [shared, Author(name: "Other \(i)")],
                  categories: ["math.AG"], publishedAt: Date(timeIntervalSince1970: RecommendFixture.firstDay.secondsSinceEpoch + 86_400),
                  source: "arxiv-listing")
        }
        let site = try await RecommendFixture.make(extra: extra)
        let reader = try await site.user("reader")
        try await site.upvote(reader, [extra[0].id, extra[1].id])
        let list = try await site.recommender().recommend(userID: reader.id, username: nil, window: RecommendFixture.window, limit: 10)
        #expect(Set(list.items.prefix(2).map(\.paperID)) == [extra[2].id, extra[3].id],
                "never-featured papers published in the window are candidates too")
        #expect(list.items[0].reason == .likedAuthor("Grace Hopper"))
        #expect(list.items[0].reason.text == "By Grace Hopper, whose papers you liked")

        try await site.stores.delivery.setFollow(userID: reader.id, try Follow(kind: .author, value: "Author 1-4a"), on: true, now: RecommendFixture.at)
        let followed = try await site.recommender().recommend(userID: reader.id, username: nil, window: RecommendFixture.window, limit: 10)
        let hit = try #require(followed.items.first { $0.paperID == PaperID(unchecked: "2603.00104") })
        #expect(hit.reason == .followedAuthor("Author 1-4a"))
    }

    @Test func coldStartIsPopularityAndOnboardingCategoriesLead() async throws {
        let site = try await RecommendFixture.make()
        let reader = try await site.user("newcomer")
        let cold = try await site.recommender().recommend(userID: reader.id, username: nil, window: RecommendFixture.window, limit: 40)
        #expect(cold.coldStart && cold.candidates == 40)
        let upvotes = try await site.stores.papers.details(cold.items.map(\.paperID)).map(\.upvotes)
        #expect(upvotes == upvotes.sorted(by: >), "cold start ranks by popularity")
        #expect(cold.items.allSatisfy { $0.reason == .popular })

        try await site.stores.delivery.setFollow(userID: reader.id, try Follow(kind: .category, value: "cs.RO"), on: true, now: RecommendFixture.at)
        let onboarded = try await site.recommender().recommend(userID: reader.id, username: nil, window: RecommendFixture.window, limit: 40)
        #expect(!onboarded.coldStart)
        #expect(onboarded.items.prefix(10).allSatisfy { site.category(of: $0.paperID) == "cs.RO" })
        #expect(onboarded.items[0].reason == .category("cs.RO", followed: true))
    }

    @Test func readPapersStayButAreMarked() async throws {
        let site = try await RecommendFixture.make()
        let reader = try await site.user("reader")
        try await site.upvote(reader, Array(site.ids(in: "cs.CL").prefix(2)))
        let recommender = site.recommender()
        let before = try await recommender.recommend(userID: reader.id, username: nil, window: RecommendFixture.window, limit: 40)
        let read = before.items[1].paperID
        try await site.stores.community.setMark(.read, userID: reader.id, paperID: read, on: true, at: RecommendFixture.at)
        let after = try await recommender.recommend(userID: reader.id, username: nil, window: RecommendFixture.window, limit: 40)
        #expect(after.items.map(\.paperID) == before.items.map(\.paperID), "reading does not retrain or reorder")
        #expect(after.items.filter(\.isRead).map(\.paperID) == [read])
    }

    @Test func anotherReadersPrivateSignalsNeverChangeMyRanking() async throws {
        let site = try await RecommendFixture.make()
        let me = try await site.user("me")
        let other = try await site.user("other")
        try await site.upvote(me, Array(site.ids(in: "cs.CL").prefix(2)))
        let recommender = site.recommender()
        let before = try await recommender.recommend(userID: me.id, username: me.username, window: RecommendFixture.window, limit: 40)
        // Everything private the other reader can do.
        for id in site.ids(in: "cs.CL") {
            try await site.stores.community.setMark(.notInterested, userID: other.id, paperID: id, on: true, at: RecommendFixture.at)
            try await site.stores.community.setMark(.read, userID: other.id, paperID: id, on: true, at: RecommendFixture.at)
        }
        let hidden = try await site.stores.community.createCollection(ownerID: other.id, name: "Secret", description: "",
                                                                       isPublic: false, at: RecommendFixture.at)
        for id in site.ids(in: "math.AG") {
            try await site.stores.community.setInCollection(collectionID: hidden.id, paperID: id, true, at: RecommendFixture.at)
        }
        try await site.stores.delivery.setFollow(userID: other.id, try Follow(kind: .category, value: "cs.CV"), on: true, now: RecommendFixture.at)
        let after = try await recommender.recommend(userID: me.id, username: me.username, window: RecommendFixture.window, limit: 40)
        #expect(after.items == before.items)
        let signals = try await ReaderSignals.load(userID: me.id, username: me.username, papers: site.stores.papers,
                                                   community: site.stores.community, delivery: site.stores.delivery)
        #expect(signals.notInterested.isEmpty && signals.read.isEmpty && signals.followedCategories.isEmpty)
        #expect(Set(signals.positives) == Set(site.ids(in: "cs.CL").prefix(2)))
    }

    @Test func aVoteUpdatesTheModelIncrementallyWithExactAuthorWeights() async throws {
        let site = try await RecommendFixture.make()
        let reader = try await site.user("reader")
        let recommender = site.recommender()
        let facts = try await recommender.currentFacts()
        try await site.upvote(reader, Array(site.ids(in: "cs.CV").prefix(3)))
        let load = { try await ReaderSignals.load(userID: reader.id, username: nil, papers: site.stores.papers,
                                                  community: site.stores.community, delivery: site.stores.delivery) }
        let first = recommender.model(for: try await load(), facts: facts, vectors: site.vectors)
        #expect(!first.wasIncremental)
        try await site.upvote(reader, [site.ids(in: "cs.CV")[5]])
        let updated = recommender.model(for: try await load(), facts: facts, vectors: site.vectors)
        #expect(updated.wasIncremental)
        let retrained = ReaderModel.trained(signals: updated.signals, facts: facts, vectors: site.vectors)
        #expect(updated.authorWeights == retrained.authorWeights)
        #expect(updated.categoryWeights == retrained.categoryWeights)
        #expect(updated.likedWithVectors.count == 4)
        _ = try await site.stores.community.setUpvote(userID: reader.id, paperID: site.ids(in: "cs.CV")[0], to: false, at: RecommendFixture.at)
        let afterUnvote = recommender.model(for: try await load(), facts: facts, vectors: site.vectors)
        #expect(!afterUnvote.wasIncremental, "an unvote retrains")
        #expect(afterUnvote.signals.positives.count == 3)
    }

    @Test func theWindowIsFeaturedDaysElsePublication() async throws {
        let late = Paper(id: PaperID(unchecked: "2604.00001"), title: "Later", categories: ["cs.CL"],
                         publishedAt: Date(timeIntervalSince1970: RecommendFixture.firstDay.advanced(by: 30).secondsSinceEpoch),
                         source: "arxiv-listing")
        let site = try await RecommendFixture.make(perCategory: 2, extra: [late])
        let recommender = site.recommender()
        #expect(Set(try await recommender.candidates(in: RecommendFixture.window)) == Set(site.papers.dropLast().map(\.id)))
        let monthLater = try RecommendationWindow(since: RecommendFixture.firstDay.advanced(by: 30),
                                                  until: RecommendFixture.firstDay.advanced(by: 31))
        #expect(try await recommender.candidates(in: monthLater) == [late.id])
        let firstDayOnly = try RecommendationWindow(since: RecommendFixture.firstDay, until: RecommendFixture.firstDay.advanced(by: 1))
        #expect(Set(try await recommender.candidates(in: firstDayOnly)) == Set(site.papers.enumerated().filter { $0.offset % 2 == 0 && $0.offset < 8 }.map(\.element.id)))
        #expect(throws: PaperboyError.self) { try RecommendationWindow(since: RecommendFixture.firstDay, until: RecommendFixture.firstDay) }
    }
}


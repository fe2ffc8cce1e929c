import Foundation
import PaperboyCore
import PaperboyRecommend
import PaperboyStore

/// How the web layer asks for a reader's "For you" papers: the page, the API, the private feed and the digest
/// section all go through here to the app's one ``Recommender`` (the ranking path), and get the papers' details
/// with each recommendation.
public struct ForYouRanking: Sendable {
    let recommender: Recommender
    let papers: any PaperStore
    let community: any CommunityStore
    let delivery: any DeliveryStore

    public init(recommender: Recommender, papers: any PaperStore, community: any CommunityStore,
                delivery: any DeliveryStore) {
        self.recommender = recommender
        self.papers = papers
        self.community = community
        self.delivery = delivery
    }

    /// A recommendation with its paper (live counts, featured entries).
    struct Item: Sendable {
        var recommendation: Recommendation
        var detail: PaperDetail
    }

    /// The site's "today": its newest day with entries, as the home page uses (so an old dataset still has a
    /// today); `nil` for a site without daily lists.
    func today() async throws -> Day? { try await papers.dayBounds()?.upperBound }

    /// What the reader has told the site, read once per request (a page ranks two windows from it).
    func signals(for user: User) async throws -> ReaderSignals {
        try await ReaderSignals.load(userID: user.id, username: user.username, papers: papers, community: community,
                                     delivery: delivery)
    }

    /// The best `limit` papers of `window` for the reader, best first, with their details; `coldStart` when the
    /// reader has told the site nothing yet (the list is then by popularity).
    func rank(_ signals: ReaderSignals, in window: RecommendationWindow, limit: Int) async throws
        -> (items: [Item], coldStart: Bool)
    {
        let list = try await recommender.recommend(signals: signals, window: window, limit: limit)
        let details = try await papers.details(list.items.map(\.paperID))
        let byID = Dictionary(details.map { ($0.paper.id, $0) }, uniquingKeysWith: { a, _ in a })
        let items = list.items.compactMap { rec in byID[rec.paperID].map { Item(recommendation: rec, detail: $0) } }
        return (items, list.coldStart)
    }

    /// The window the API and the private feed use by default: the 7 days up to and including `today`.
    static func lastWeek(endingOn today: Day) throws -> RecommendationWindow {
        try RecommendationWindow(since: today.advanced(by: -6), until: today.advanced(by: 1))
    }
}

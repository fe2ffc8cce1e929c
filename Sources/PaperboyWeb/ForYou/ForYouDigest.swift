import Foundation
import PaperboyCatalog
import PaperboyCore
import PaperboyDelivery
import PaperboyRecommend
import PaperboyStore
import PaperboyVectors

/// The "For you" section of an account's digest: the top ``size`` recommendations of the days the digest lists
/// (``DigestSender/listedDays(of:papers:now:)``: the daily digest's day, the weekly digest's week), each with its
/// why-line, leaving out papers already in the digest. Only for a subscriber whose address is an account's and who
/// has told the site something (upvotes, collections, follows, "not interested"): a cold-start reader's list would
/// only repeat the popular papers above it, so they get no section.
public struct ForYouDigest: Sendable {
    let ranking: ForYouRanking
    let accounts: any AccountStore
    public static let size = 5
    public static let title = "For you"

    /// With the app's recommender (``buildApplication(configuration:seams:)``).
    public init(recommender: Recommender, stores: Stores) {
        ranking = ForYouRanking(recommender: recommender, papers: stores.papers, community: stores.community,
                                delivery: stores.delivery)
        accounts = stores.accounts
    }

    /// For a process without an app (`paperboy digest send`): a recommender of its own over `stores`, reading the
    /// vectors `catalog` keeps.
    public init(stores: Stores, catalog: SearchCatalog) {
        self.init(recommender: Recommender(papers: stores.papers, community: stores.community, delivery: stores.delivery,
                                           vectors: { catalog.semantic?.index ?? VectorIndex() }),
                  stores: stores)
    }

    /// The section for `email`'s account, or `nil` (no account, no signals, nothing new to recommend).
    public func section(for email: String, period: DigestPeriod, excluding: Set<PaperID>) async throws -> DigestSection? {
        guard let user = try await accounts.credentials(login: email)?.user, user.email.lowercased() == email.lowercased(),
              let days = try await DigestSender.listedDays(of: period, papers: ranking.papers, now: Date()) else { return nil }
        let signals = try await ranking.signals(for: user)
        guard signals.strength > 0 else { return nil }
        let window = try RecommendationWindow(since: days.lowerBound, until: days.upperBound.advanced(by: 1))
        let ranked = try await ranking.rank(signals, in: window, limit: Self.size + excluding.count)
        let papers = ranked.items.filter { !excluding.contains($0.detail.paper.id) }.prefix(Self.size).map {
            DigestPaper(paper: $0.detail.paper, upvotes: $0.detail.upvotes, note: $0.recommendation.reason.text)
        }
        return papers.isEmpty ? nil : DigestSection(title: Self.title, papers: Array(papers))
    }
}

import Foundation
import PaperboyCatalog
import PaperboyCore
import PaperboyDelivery
import PaperboyStore

/// Personal digest sections: first, with ``forYou``, the account's "For you" recommendations (``ForYouDigest``);
/// then from search, for each of the subscriber's follows (at most ``maxFollows``), the newest matching papers (at
/// most ``perSection``) published or featured in the week up to the end of the digest's period. A paper shows once
/// in the whole digest: each section leaves out the main list's papers and the sections' before it.
public struct FollowedPapers: PersonalDigest {
    let catalog: SearchCatalog
    let store: any DeliveryStore
    let forYou: ForYouDigest?
    public static let maxFollows = 10
    public static let perSection = 5

    public init(catalog: SearchCatalog, store: any DeliveryStore, forYou: ForYouDigest? = nil) {
        self.catalog = catalog
        self.store = store
        self.forYou = forYou
    }

    public func sections(for email: String, period: DigestPeriod, excluding: Set<PaperID>) async throws -> [DigestSection] {
        var seen = excluding
        var sections: [DigestSection] = []
        if let forYou, let section = try await forYou.section(for: email, period: period, excluding: excluding) {
            sections.append(section)
            seen.formUnion(section.papers.map(\.paper.id))
        }
        let follows = try await store.follows(email: email)
        guard !follows.isEmpty else { return sections }
        let window = period.days.upperBound.advanced(by: -6)...period.days.upperBound
        for follow in follows.prefix(Self.maxFollows) {
            // The week's papers first (the index dates a paper by publication, else first featuring), so a broad
            // follow whose 50 most relevant papers are all older still finds this week's; then the most relevant
            // overall, for papers featured this week but published earlier.
            // A saved phrase with nothing new this week stays a phrase (no fallback to its words).
            let recent = try await catalog.search(CatalogQuery(
                text: "\(follow.query) date:\(window.lowerBound)..\(window.upperBound)", limit: 50, mode: .lexical,
                phraseFallback: false))
            let relevant = try await catalog.search(CatalogQuery(text: follow.query, limit: 50, mode: .lexical,
                                                                 phraseFallback: false))
            var papers: [DigestPaper] = []
            for hit in recent.hits + relevant.hits where papers.count < Self.perSection && !seen.contains(hit.detail.paper.id) {
                let published = hit.detail.paper.publishedAt.map { Day(secondsSinceEpoch: $0.timeIntervalSince1970) }
                let featured = hit.detail.entries.map(\.day)
                guard ([published].compactMap { $0 } + featured).contains(where: window.contains) else { continue }
                papers.append(DigestPaper(paper: hit.detail.paper, upvotes: hit.detail.upvotes))
                seen.insert(hit.detail.paper.id)
            }
            if !papers.isEmpty { sections.append(DigestSection(title: follow.label, papers: papers)) }
        }
        return sections
    }
}

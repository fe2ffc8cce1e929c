import Foundation
import PaperboyCore
import PaperboyRecommend
import Synchronization

/// `/papers/for-you`: the reader's ranking of the site's today and of its ISO week, each card with its why-line;
/// the onboarding form (open at cold start, folded away after); the private feed's links.
struct ForYouPageView {
    var layout = LayoutView(title: "For you")
    var tabs: [FeedPageView.Tab]
    var subheading: String
    var sections: [Section]
    var coldStart: Bool
    var categories: [CategoryChoice]
    /// What the reader last sent to the onboarding form, kept when it was refused.
    var categoriesText = ""
    var papersText = ""
    var error: String?
    /// The paper just marked "not interested" from this page, with an Undo.
    var undo: UndoView?
    var feed: PrivateFeedLinks.URLs?
    var empty: Bool { sections.allSatisfy(\.cards.isEmpty) }

    struct Section {
        var title: String
        var subtitle: String
        var cards: [PaperCardView]
    }

    struct CategoryChoice {
        var name: String
        var label: String
        var checked: Bool
        /// The checkbox's field name (each box its own name: ``FormFields/names(withPrefix:)``).
        var field: String

        init(name: String, label: String, checked: Bool) {
            self.name = name
            self.label = label
            self.checked = checked
            field = ForYouPageView.categoryField + name
        }
    }

    struct UndoView {
        var id: String
        var title: String
        var markPath: String
    }

    static let categoryField = "cat:"

    /// Tabs of the feed pages with "For you" active (`anchor`: the day the Day/Week/Month tabs open on).
    static func tabs(anchor: Day?) -> [FeedPageView.Tab] {
        let day = anchor ?? Day(daysSinceEpoch: 0)
        return [
            .init(label: "Day", href: "/papers/date/\(day)", active: false),
            .init(label: "Week", href: "/papers/week/\(day.isoWeek)", active: false),
            .init(label: "Month", href: "/papers/month/\(day.month)", active: false),
            .init(label: "Trending", href: "/papers/trending", active: false),
            .init(label: "For you", href: "/papers/for-you", active: true),
        ]
    }

    /// Cards for ranked items: the why-line, the paper's day in the window, the mark forms pointing back here.
    static func cards(_ items: [ForYouRanking.Item], window: RecommendationWindow) -> [PaperCardView] {
        items.enumerated().map { i, item in
            let entry = item.detail.entries.first { window.contains($0.day) }
            var card = PaperCardView(paper: item.detail.paper, upvotes: item.detail.upvotes,
                                     comments: item.detail.comments, day: entry?.day,
                                     submitter: entry?.submitter?.username, rank: i + 1)
            card.reason = item.recommendation.reason.text
            card.back = ForYouController.path
            card.marks = item.recommendation.isRead ? [.read] : []
            return card
        }
    }
}

/// The arXiv categories the onboarding form offers: the most common on the site (counted over the recommender's
/// paper facts, recounted when the number of papers changes), with names for the well-known ones.
final class CommonCategories: Sendable {
    static let shown = 12
    /// Offered when the site has few categories of its own (an empty or tiny database).
    static let defaults = ["cs.CL", "cs.CV", "cs.LG", "cs.AI", "cs.RO", "stat.ML"]
    static let names: [String: String] = [
        "cs.CL": "Computation and Language", "cs.CV": "Computer Vision", "cs.LG": "Machine Learning",
        "cs.AI": "Artificial Intelligence", "cs.RO": "Robotics", "stat.ML": "Machine Learning (stat)",
        "cs.IR": "Information Retrieval", "cs.NE": "Neural and Evolutionary Computing", "cs.SD": "Sound",
        "eess.AS": "Audio and Speech", "eess.IV": "Image and Video Processing", "cs.CR": "Cryptography and Security",
        "cs.HC": "Human-Computer Interaction", "cs.MA": "Multiagent Systems", "cs.GR": "Graphics",
        "cs.SE": "Software Engineering", "cs.DC": "Distributed Computing", "math.OC": "Optimization and Control",
        "q-bio.QM": "Quantitative Methods", "cs.MM": "Multimedia",
    ]

    private let cached = Mutex<(papers: Int, names: [String])?>(nil)

    /// The category names to offer, most common first.
    func current(_ recommender: Recommender) async throws -> [String] {
        let facts = try await recommender.currentFacts()
        if let hit = cached.withLock({ $0 }), hit.papers == facts.count { return hit.names }
        var counts: [String: Int] = [:]
        for slot in facts.liveSlots {
            for category in facts.rows[slot].categories { counts[category, default: 0] += 1 }
        }
        var names = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(Self.shown).map(\.key)
        for name in Self.defaults where names.count < Self.defaults.count && !names.contains(name) { names.append(name) }
        cached.withLock { $0 = (facts.count, names) }
        return names
    }

    func choices(_ recommender: Recommender, followed: Set<String>) async throws -> [ForYouPageView.CategoryChoice] {
        try await current(recommender).map { category in
            .init(name: category, label: Self.names[category].map { "\($0) (\(category))" } ?? category,
                  checked: followed.contains(category))
        }
    }
}

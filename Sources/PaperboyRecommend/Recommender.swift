import Foundation
import PaperboyCore
import PaperboyStore
import PaperboyVectors
import Synchronization

/// "For you": ranks a window's papers for one reader. The one ranking path — the page, the API, the digest, the
/// private feed, `paperboy eval recommend` and `paperboy bench recommend` all call ``recommend(userID:username:window:limit:)``.
///
/// Per request: the reader's signals are read from the stores (a few indexed queries); the model cached for the
/// reader is reused when the signals are the same, updated incrementally when they only add liked papers (a vote),
/// and retrained otherwise — so any instance behind a balancer serves the same ranking from the database, and no
/// batch job exists. The paper facts follow the change feed; the window's featured papers are read once per
/// (window, feed head) and shared by every reader.
public final class Recommender: Sendable {
    let papers: any PaperStore
    let community: any CommunityStore
    let delivery: any DeliveryStore
    let follower: FactsFollower
    let vectors: @Sendable () -> VectorIndex
    public let parameters: RecommenderParameters
    private let models = Mutex<[Int64: ReaderModel]>([:])
    private let windows = Mutex<[WindowKey: [Int]]>([:])
    /// Each facts slot's vector row, remembered across requests (checked before use; see `Ranking.textScores`).
    private let rowHints = Mutex<[Int32]>([])
    /// Readers whose models are kept; beyond this an arbitrary one is dropped (it is rebuilt on its next request).
    static let cachedModels = 2_000
    /// Windows whose candidates are kept for the current facts.
    static let cachedWindows = 64

    struct WindowKey: Hashable {
        var window: RecommendationWindow
        var head: Int64
    }

    public init(papers: any PaperStore, community: any CommunityStore, delivery: any DeliveryStore,
                vectors: @escaping @Sendable () -> VectorIndex, parameters: RecommenderParameters = .default) {
        self.papers = papers
        self.community = community
        self.delivery = delivery
        self.follower = FactsFollower(store: papers)
        self.vectors = vectors
        self.parameters = parameters
    }

    /// A reader's ranked papers in `window`.
    public func recommend(userID: Int64, username: String?, window: RecommendationWindow, limit: Int) async throws
        -> RecommendationList
    {
        let signals = try await ReaderSignals.load(userID: userID, username: username, papers: papers,
                                                   community: community, delivery: delivery)
        return try await recommend(signals: signals, window: window, limit: limit)
    }

    /// The same for signals already read (the eval reads them through ``ReaderSignals/load`` too).
    public func recommend(signals: ReaderSignals, window: RecommendationWindow, limit: Int) async throws
        -> RecommendationList
    {
        let facts = try await follower.current()
        let index = vectors()
        let model = model(for: signals, facts: facts, vectors: index)
        let candidates = try await candidateSlots(window, facts: facts)
        var hints = rowHints.withLock { $0 }
        let items = Ranking.rank(model: model, facts: facts, vectors: index, candidates: candidates, limit: limit,
                                 parameters: parameters, rowHints: &hints)
        rowHints.withLock { $0 = hints }
        return RecommendationList(items: items, candidates: candidates.count, coldStart: signals.strength == 0)
    }

    /// The reader's model for `signals`: cached, updated or trained (see the type's documentation).
    public func model(for signals: ReaderSignals, facts: PaperFacts, vectors: VectorIndex) -> ReaderModel {
        let cached = models.withLock { $0[signals.userID] }
        if var cached, cached.signals.sameModelInput(as: signals) {
            if cached.signals == signals { return cached }
            cached.signals = signals
            models.withLock { $0[signals.userID] = cached }
            return cached
        }
        let model = ReaderModel.trained(signals: signals, facts: facts, vectors: vectors, previous: cached,
                                        parameters: parameters)
        models.withLock { models in
            if models.count >= Self.cachedModels, models[signals.userID] == nil, let victim = models.keys.first {
                models[victim] = nil
            }
            models[signals.userID] = model
        }
        return model
    }

    /// Facts slots of the papers in `window`: each featured on a day in it, and each never featured whose day is.
    /// Read once per (window, facts position) and shared by every reader (slots are only meaningful for the facts
    /// they were computed with).
    func candidateSlots(_ window: RecommendationWindow, facts: PaperFacts) async throws -> [Int] {
        let head = facts.position
        let key = WindowKey(window: window, head: head)
        if let cached = windows.withLock({ $0[key] }) { return cached }
        var ids: [PaperID] = []
        let days = window.since...window.until.advanced(by: -1)
        var offset = 0
        while true {
            let page = try await papers.feed(FeedQuery(days: days, sort: .publishedAt, limit: 1000, offset: offset))
            ids += page.items.map(\.paper.id)
            offset += page.items.count
            if page.items.isEmpty || offset >= page.total { break }
        }
        var seen = Set<Int>()
        var slots: [Int] = []
        for id in ids {
            if let slot = facts.slot(of: id), seen.insert(slot).inserted { slots.append(slot) }
        }
        for (slot, row) in facts.rows.enumerated() where !row.featured {
            if let day = row.day, window.contains(day), facts.slot(of: row.id) == slot { slots.append(slot) }
        }
        windows.withLock { cache in
            // Only the current facts' windows are useful; a client asking for many windows cannot grow it unbounded.
            cache = cache.count < Self.cachedWindows ? cache.filter { $0.key.head == head } : [:]
            cache[key] = slots
        }
        return slots
    }

    /// The papers of `window` (featured on one of its days, else published in it), as ranked by ``recommend``.
    public func candidates(in window: RecommendationWindow) async throws -> [PaperID] {
        let facts = try await follower.current()
        return try await candidateSlots(window, facts: facts).map { facts.rows[$0].id }
    }

    /// The paper facts as of the store's feed head (for the eval's baselines and the bench).
    public func currentFacts() async throws -> PaperFacts { try await follower.current() }
}

/// A ranked page of recommendations.
public struct RecommendationList: Sendable {
    public var items: [Recommendation]
    /// How many papers the window held.
    public var candidates: Int
    /// The reader has told us nothing yet: the list is by popularity, and the page offers onboarding.
    public var coldStart: Bool
}

extension ReaderSignals {
    /// Equal for the model's purposes (`read` marks only dim cards; they do not train).
    func sameModelInput(as other: ReaderSignals) -> Bool {
        var a = self, b = other
        a.read = []
        b.read = []
        return a == b
    }
}

import Dispatch
import Foundation
import Synchronization
import PaperboyCore
import PaperboyRecommend
import PaperboyStore
import PaperboyVectors

/// `paperboy bench recommend`: how fast the product's ``Recommender`` answers a reader with many likes over a
/// whole catalogue, in a copy of the given database (`VACUUM INTO`; the original is never written).
///
/// `readers` accounts each upvote `upvotes` papers drawn with a fixed seed; the window covers every day of the
/// database, so every paper is a candidate. Measured, each over all readers:
/// - `first`: a reader's first request (the model is trained);
/// - `request`: later requests (`recommend(userID:…)`: signals read from the store, cached model, ranking);
/// - `update`: the model after one more vote (the incremental update, ``Recommender/model(for:facts:vectors:)``);
/// - `baseline`: in the same run, one exact float32 scan of the candidates' vectors with a centroid query (the
///   MiniLM-centroid ranking), so the figures can be read as ratios on a noisy machine.
/// Papers without a stored vector get a seeded random unit vector in memory: scoring costs the same whatever the
/// values, and embedding 50k papers takes most of an hour.
public struct RecommendationBenchmark: Sendable {
    public struct Report: Sendable, Codable {
        public var papers: Int
        public var candidates: Int
        public var readers: Int
        public var upvotes: Int
        public var storedVectors: Int
        public var firstP50Ms: Double
        public var requestP50Ms: Double
        public var requestP99Ms: Double
        public var updateP50Ms: Double
        public var updateMaxMs: Double
        public var baselineScanP50Ms: Double
        /// Where a request's time goes: reading the reader's signals, and the ranking alone (int8 text scores, the
        /// product's default, and float32 ones), each over the same requests.
        public var signalsP50Ms: Double
        public var rankP50Ms: Double
        public var rankFloat32P50Ms: Double
        /// The float32 and int8 rankings' top 20 agree on this share of papers (mean over readers).
        public var top20Agreement: Double
    }

    public let databasePath: String
    public var readers = 10
    public var upvotes = 200
    public var requestsPerReader = 10
    public var model = "all-MiniLM-L6-v2"

    public init(databasePath: String) {
        self.databasePath = databasePath
    }

    public func run(progress: (String) -> Void = { _ in }) async throws -> Report {
        let scratch = try ScratchDatabase.copy(of: databasePath, purpose: "bench-recommend")
        defer { scratch.remove() }
        let stores = try Stores.sqlite(path: scratch.path)
        guard let days = try await stores.papers.dayBounds() else {
            throw PaperboyError(.invalidInput, "\(databasePath) has no daily entries to recommend from.")
        }
        // The vectors are completed once the facts say which papers exist; the recommender reads them through the box.
        let box = Mutex(VectorIndex())
        let recommender = Recommender(papers: stores.papers, community: stores.community, delivery: stores.delivery,
                                      vectors: { box.withLock { $0 } })
        let facts = try await recommender.currentFacts()
        var vectors = try await ScratchDatabase.vectors(stores.embeddings, model: model)
        let stored = vectors.count
        var rng = SeededGenerator(seed: 0x5EC0)
        for row in facts.rows where facts.slot(of: row.id) != nil && !vectors.contains(id: row.id.rawValue) {
            try vectors.add(id: row.id.rawValue, vector: (0..<vectors.dimension).map { _ in Float(rng.below(2001)) / 1000 - 1 })
        }
        let index = vectors
        box.withLock { $0 = index }
        let earliest = min(days.lowerBound, facts.rows.compactMap(\.day).min() ?? days.lowerBound)
        let latest = max(days.upperBound, facts.rows.compactMap(\.day).max() ?? days.upperBound)
        let window = try RecommendationWindow(since: earliest, until: latest.advanced(by: 1))
        let ids = facts.rows.filter { facts.slot(of: $0.id) != nil }.map(\.id)
        let at = Date()
        var first: [Double] = [], requests: [Double] = [], updates: [Double] = []
        var candidates = 0
        var parts = Parts()
        for r in 0..<readers {
            let user = try await stores.accounts.createUser(username: "benchreader\(r)", email: "benchreader\(r)@example.org",
                                                            passwordHash: "-", at: at)
            var liked = Set<PaperID>()
            while liked.count < min(upvotes, ids.count - 1) { liked.insert(ids[rng.below(ids.count)]) }
            for id in liked { _ = try await stores.community.setUpvote(userID: user.id, paperID: id, to: true, at: at) }
            var start = DispatchTime.now()
            let list = try await recommender.recommend(userID: user.id, username: user.username, window: window, limit: 20)
            first.append(Elapsed.seconds(since: start) * 1000)
            candidates = list.candidates
            for _ in 0..<requestsPerReader {
                start = DispatchTime.now()
                _ = try await recommender.recommend(userID: user.id, username: user.username, window: window, limit: 20)
                requests.append(Elapsed.seconds(since: start) * 1000)
            }
            try await measureParts(recommender, user: user, window: window, stores: stores, index: index,
                                   into: &parts)
            var next = ids[rng.below(ids.count)]
            while liked.contains(next) { next = ids[rng.below(ids.count)] }
            _ = try await stores.community.setUpvote(userID: user.id, paperID: next, to: true, at: at)
            let signals = try await ReaderSignals.load(userID: user.id, username: user.username, papers: stores.papers,
                                                       community: stores.community, delivery: stores.delivery)
            let current = try await recommender.currentFacts()
            start = DispatchTime.now()
            let model = recommender.model(for: signals, facts: current, vectors: index)
            updates.append(Elapsed.seconds(since: start) * 1000)
            guard model.wasIncremental else {
                throw PaperboyError(.internal, "The model after one vote was retrained, not updated: the benchmark would not measure the update.")
            }
            progress("bench recommend: reader \(r + 1)/\(readers)")
        }
        var baseline: [Double] = []
        let candidateIDs = ids.map(\.rawValue)
        for _ in 0..<(readers * requestsPerReader) {
            let query = (0..<index.dimension).map { _ in Float(rng.below(2001)) / 1000 - 1 }
            let start = DispatchTime.now()
            _ = try index.exactSearch(query, k: 20, among: candidateIDs)
            baseline.append(Elapsed.seconds(since: start) * 1000)
        }
        return Report(papers: facts.count, candidates: candidates, readers: readers, upvotes: upvotes,
                      storedVectors: stored, firstP50Ms: Self.percentile(first, 0.5),
                      requestP50Ms: Self.percentile(requests, 0.5), requestP99Ms: Self.percentile(requests, 0.99),
                      updateP50Ms: Self.percentile(updates, 0.5), updateMaxMs: updates.max() ?? 0,
                      baselineScanP50Ms: Self.percentile(baseline, 0.5),
                      signalsP50Ms: Self.percentile(parts.signals, 0.5), rankP50Ms: Self.percentile(parts.rank, 0.5),
                      rankFloat32P50Ms: Self.percentile(parts.rankFloat32, 0.5),
                      top20Agreement: parts.agreement.reduce(0, +) / Double(max(1, parts.agreement.count)))
    }

    struct Parts {
        var signals: [Double] = [], rank: [Double] = [], rankFloat32: [Double] = [], agreement: [Double] = []
    }

    /// The parts of a request, timed apart through the same public calls ``Recommender/recommend`` makes.
    private func measureParts(_ recommender: Recommender, user: User, window: RecommendationWindow, stores: Stores,
                              index: VectorIndex, into parts: inout Parts) async throws {
        let facts = try await recommender.currentFacts()
        let slots = try await recommender.candidates(in: window).compactMap { facts.slot(of: $0) }
        var float32 = recommender.parameters
        float32.quantizedText = false
        var hints: [Int32] = []
        for _ in 0..<requestsPerReader {
            var start = DispatchTime.now()
            let signals = try await ReaderSignals.load(userID: user.id, username: user.username, papers: stores.papers,
                                                       community: stores.community, delivery: stores.delivery)
            parts.signals.append(Elapsed.seconds(since: start) * 1000)
            let model = recommender.model(for: signals, facts: facts, vectors: index)
            start = DispatchTime.now()
            let ranked = Ranking.rank(model: model, facts: facts, vectors: index, candidates: slots, limit: 20,
                                      parameters: recommender.parameters, rowHints: &hints)
            parts.rank.append(Elapsed.seconds(since: start) * 1000)
            start = DispatchTime.now()
            let exact = Ranking.rank(model: model, facts: facts, vectors: index, candidates: slots, limit: 20,
                                     parameters: float32, rowHints: &hints)
            parts.rankFloat32.append(Elapsed.seconds(since: start) * 1000)
            let shared = Set(ranked.map(\.paperID)).intersection(exact.map(\.paperID)).count
            parts.agreement.append(Double(shared) / Double(max(1, exact.count)))
        }
    }

    static func percentile(_ values: [Double], _ p: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
    }
}

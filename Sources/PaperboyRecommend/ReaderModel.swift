import PaperboyCore
import PaperboyVectors

/// One reader's model, learned from their ``ReaderSignals``:
/// - **author affinity**: each author of a liked paper earns 1/(its author count) per paper (a paper with 40
///   authors says less about each one than a paper with 3), a followed author earns ``Parameters/followedAuthor``;
/// - **category affinity**: a followed category counts 1, each category earns its share of the liked papers;
/// - **a logistic regression over the paper vectors** (MiniLM), liked papers against papers drawn at random and
///   the "not interested" ones (weighted up), so the model also learns what the reader does not want.
///
/// ``ReaderModel/trained(signals:facts:vectors:previous:parameters:)`` reuses `previous` when the new signals only
/// add liked papers — the author weights are exact, the regression takes a few steps per new paper — so a vote
/// updates the model in well under a millisecond; anything else (an unvote, a new "not interested") retrains.
public struct ReaderModel: Sendable {
    public internal(set) var signals: ReaderSignals
    /// Author id → affinity.
    public private(set) var authorWeights: [Int32: Float] = [:]
    public private(set) var followedAuthorIDs: Set<Int32> = []
    /// Category → affinity.
    public private(set) var categoryWeights: [String: Float] = [:]
    /// `nil` when no liked paper has a vector yet.
    public private(set) var regression: LogisticRegression?
    /// Liked papers that have vectors (for "like X" why-lines), most recent first.
    public private(set) var likedWithVectors: [PaperID] = []
    /// Whether the last build was an incremental update (for measurements).
    public private(set) var wasIncremental = false

    /// Builds the model for `signals`, from `previous` when that is an earlier model of the same reader whose
    /// signals `signals` extends by liked papers only.
    public static func trained(signals: ReaderSignals, facts: PaperFacts, vectors: VectorIndex,
                               previous: ReaderModel? = nil, parameters: RecommenderParameters = .default) -> ReaderModel {
        if let previous, let added = previous.signals.addedPositives(to: signals) {
            return previous.extended(by: added, signals: signals, facts: facts, vectors: vectors, parameters: parameters)
        }
        var model = ReaderModel(signals: signals)
        model.countAuthors(of: signals.positives, facts: facts)
        model.followedAuthorIDs = Set(signals.followedAuthors.compactMap { facts.authorID(normalized: $0) })
        model.recountCategories(facts: facts)
        model.trainRegression(facts: facts, vectors: vectors, parameters: parameters)
        return model
    }

    init(signals: ReaderSignals) {
        self.signals = signals
    }

    private mutating func countAuthors(of papers: some Sequence<PaperID>, facts: PaperFacts) {
        for id in papers {
            guard let row = facts.row(id), !row.authors.isEmpty else { continue }
            let share = 1 / Float(row.authors.count)
            for author in row.authors { authorWeights[author, default: 0] += share }
        }
    }

    private mutating func recountCategories(facts: PaperFacts) {
        var weights: [String: Float] = [:]
        let rows = signals.positives.compactMap { facts.row($0) }
        for row in rows {
            for category in Set(row.categories) { weights[category, default: 0] += 1 / Float(rows.count) }
        }
        for category in signals.followedCategories { weights[category, default: 0] += 1 }
        categoryWeights = weights
    }

    /// Positives: liked papers with vectors (the most recent ``RecommenderParameters/maxPositives``). Negatives:
    /// the reader's "not interested" papers (weight ``RecommenderParameters/notInterestedWeight``) and
    /// ``RecommenderParameters/negativesPerPositive`` × positives papers drawn at random (seeded by the reader, so
    /// every instance trains the same model). Classes are balanced by weight.
    private mutating func trainRegression(facts: PaperFacts, vectors: VectorIndex, parameters: RecommenderParameters) {
        let liked = signals.positives.prefix(parameters.maxPositives).filter { vectors.contains(id: $0.rawValue) }
        likedWithVectors = Array(liked)
        guard !liked.isEmpty else { regression = nil; return }
        var rng = SeededGenerator(seed: UInt64(bitPattern: signals.userID) &* 0x9E37_79B9)
        let exclude = Set(signals.positives)
        var examples = liked.compactMap { vectors.vector(for: $0.rawValue) }.map {
            LogisticRegression.Example(vector: $0, label: 1)
        }
        let positives = examples.count
        var negatives: [LogisticRegression.Example] = signals.notInterested.sorted { $0.rawValue < $1.rawValue }
            .compactMap { vectors.vector(for: $0.rawValue) }
            .map { LogisticRegression.Example(vector: $0, label: 0, weight: parameters.notInterestedWeight) }
        negatives += Self.randomNegatives(count: positives * parameters.negativesPerPositive, facts: facts,
                                          vectors: vectors, excluding: exclude, rng: &rng)
        guard !negatives.isEmpty else { regression = nil; return }
        let negativeMass = negatives.reduce(0) { $0 + $1.weight }
        let positiveWeight = negativeMass / Float(positives)
        for i in examples.indices { examples[i].weight = positiveWeight }
        var model = LogisticRegression(dimension: vectors.dimension)
        model.train(examples + negatives, epochs: parameters.epochs, rng: &rng)
        regression = model
    }

    static func randomNegatives(count: Int, facts: PaperFacts, vectors: VectorIndex, excluding: Set<PaperID>,
                                rng: inout SeededGenerator) -> [LogisticRegression.Example] {
        guard facts.rows.count > 0 else { return [] }
        var out: [LogisticRegression.Example] = []
        var tries = 0
        while out.count < count && tries < count * 4 {
            tries += 1
            let row = facts.rows[Int(rng.next() % UInt64(facts.rows.count))]
            guard facts.slot(of: row.id) != nil, !excluding.contains(row.id),
                  let v = vectors.vector(for: row.id.rawValue) else { continue }
            out.append(LogisticRegression.Example(vector: v, label: 0))
        }
        return out
    }

    /// The incremental update after new liked papers: exact author and category weights, and for the regression
    /// ``RecommenderParameters/updateSteps`` steps on each new paper against fresh random negatives.
    func extended(by added: [PaperID], signals: ReaderSignals, facts: PaperFacts, vectors: VectorIndex,
                  parameters: RecommenderParameters) -> ReaderModel {
        var model = ReaderModel(signals: signals)
        model.authorWeights = authorWeights
        model.countAuthors(of: added, facts: facts)
        model.followedAuthorIDs = followedAuthorIDs
        model.recountCategories(facts: facts)
        model.wasIncremental = true
        let newVectors = added.compactMap { id in vectors.vector(for: id.rawValue).map { (id, $0) } }
        model.likedWithVectors = newVectors.map(\.0) + likedWithVectors
        guard !newVectors.isEmpty else { model.regression = regression; return model }
        guard var regression else {
            model.trainRegression(facts: facts, vectors: vectors, parameters: parameters)
            return model
        }
        var rng = SeededGenerator(seed: UInt64(bitPattern: signals.userID) &+ UInt64(signals.positives.count))
        let exclude = Set(signals.positives)
        for (_, vector) in newVectors {
            let negatives = Self.randomNegatives(count: parameters.negativesPerPositive, facts: facts, vectors: vectors,
                                                 excluding: exclude, rng: &rng)
            let positive = LogisticRegression.Example(vector: vector, label: 1, weight: Float(max(1, negatives.count)))
            for _ in 0..<parameters.updateSteps {
                regression.step(positive, rate: LogisticRegression.learningRate / 4)
                for negative in negatives { regression.step(negative, rate: LogisticRegression.learningRate / 4) }
            }
        }
        model.regression = regression
        return model
    }
}

extension ReaderSignals {
    /// The liked papers `newer` adds when it differs from these signals by added liked papers only, else `nil`.
    func addedPositives(to newer: ReaderSignals) -> [PaperID]? {
        guard userID == newer.userID, notInterested == newer.notInterested,
              followedAuthors == newer.followedAuthors, followedCategories == newer.followedCategories,
              newer.positives.count > positives.count else { return nil }
        let old = Set(positives)
        guard old.isSubset(of: Set(newer.positives)) else { return nil }
        return newer.positives.filter { !old.contains($0) }
    }
}

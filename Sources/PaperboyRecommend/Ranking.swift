import Foundation
import PaperboyCore
import PaperboyVectors

/// Scores a reader's candidate papers with their ``ReaderModel`` (the formula is on ``RecommenderParameters``) and
/// says why each top paper is there. Pure: the same model, facts, vectors and candidates give the same list.
public enum Ranking {
    /// The best `limit` of `candidates` (facts slots), best first; liked and "not interested" papers never appear.
    public static func rank(model: ReaderModel, facts: PaperFacts, vectors: VectorIndex, candidates: [Int],
                            limit: Int, parameters: RecommenderParameters = .default,
                            rowHints: inout [Int32]) -> [Recommendation] {
        let signals = model.signals
        let excluded = Set(signals.notInterested.union(signals.positives).union(signals.upvoted).compactMap(facts.slot(of:)))
        let slots = candidates.filter { !excluded.contains($0) }
        guard !slots.isEmpty, limit > 0 else { return [] }

        var authorWeight = [Float](repeating: 0, count: facts.authorNames.count)
        for (author, weight) in model.authorWeights where Int(author) < authorWeight.count { authorWeight[Int(author)] = weight }
        for author in model.followedAuthorIDs where Int(author) < authorWeight.count {
            authorWeight[Int(author)] += parameters.followedAuthor
        }
        var categoryWeight = [Float](repeating: 0, count: facts.categoryNames.count)
        for (category, weight) in model.categoryWeights {
            if let id = facts.categoryID(category) { categoryWeight[Int(id)] = weight }
        }
        // n^exponent for n = 0…64 authors (longer lists share the last value).
        let authorNorm = (0...64).map { Float(pow(Double(max(1, $0)), Double(parameters.candidateAuthorExponent))) }
        let text = textScores(model: model, facts: facts, vectors: vectors, slots: slots,
                              quantized: parameters.quantizedText, rowHints: &rowHints)
        let rows = facts.rows
        let maxUpvotes = slots.reduce(0) { max($0, rows[$1].upvotes) }
        let popularityScale = maxUpvotes > 0 ? 1 / Float(log1p(Double(maxUpvotes))) : 0
        let fade = parameters.popularity * parameters.fade / (parameters.fade + Float(signals.strength))
        let hasCategories = !model.categoryWeights.isEmpty

        func parts(_ i: Int) -> Parts {
            let slot = slots[i]
            var parts = Parts()
            let authors = rows[slot].authors
            if !authors.isEmpty {
                var sum: Float = 0
                for author in authors { sum += authorWeight[Int(author)] }
                parts.author = sum / authorNorm[min(authors.count, authorNorm.count - 1)]
            }
            if hasCategories {
                let categories = rows[slot].categoryIDs
                if !categories.isEmpty {
                    var sum: Float = 0
                    for category in categories { sum += categoryWeight[Int(category)] }
                    parts.category = parameters.category * sum / Float(categories.count)
                }
            }
            parts.text = parameters.text * text[i]
            parts.popularity = fade * Float(log1p(Double(rows[slot].upvotes))) * popularityScale
            return parts
        }
        // Best first; ties by more upvotes, then by id, so the order is total.
        var top = TopK<CandidateOrder>(capacity: limit)
        for i in slots.indices {
            let slot = slots[i]
            top.insert(CandidateOrder.Element(score: parts(i).total, upvotes: rows[slot].upvotes, index: i,
                                              id: rows[slot].id.rawValue))
        }
        return top.sorted().map { item in
            let row = rows[slots[item.index]]
            return Recommendation(paperID: row.id, score: item.score,
                                  reason: reason(parts(item.index), row: row, model: model, facts: facts, vectors: vectors,
                                                 authorWeight: authorWeight),
                                  isRead: signals.read.contains(row.id))
        }
    }

    /// Higher score, then more upvotes, then the smaller id ranks first; `first(a, b)` = `a` ranks below `b`.
    enum CandidateOrder: HeapOrder {
        struct Element {
            var score: Float
            var upvotes: Int
            var index: Int
            var id: String
        }

        static func first(_ a: Element, _ b: Element) -> Bool {
            if a.score != b.score { return a.score < b.score }
            if a.upvotes != b.upvotes { return a.upvotes < b.upvotes }
            return a.id > b.id
        }
    }

    struct Parts {
        var author: Float = 0
        var text: Float = 0
        var category: Float = 0
        var popularity: Float = 0
        var total: Float { author + text + category + popularity }
    }

    /// σ(regression margin) per slot (0 without a regression or a vector). `rowHints` (one per facts slot) remembers
    /// each paper's vector row across requests (see ``VectorIndex/scores(_:ids:rows:quantized:)``).
    static func textScores(model: ReaderModel, facts: PaperFacts, vectors: VectorIndex, slots: [Int], quantized: Bool,
                           rowHints: inout [Int32]) -> [Float] {
        guard let regression = model.regression, vectors.count > 0 else { return [Float](repeating: 0, count: slots.count) }
        let norm = regression.weights.reduce(0) { $0 + $1 * $1 }.squareRoot()
        if rowHints.count != facts.rows.count { rowHints = [Int32](repeating: -1, count: facts.rows.count) }
        var rows = slots.map { rowHints[$0] }
        guard norm > 0,
              let dots = try? vectors.scores(regression.weights, ids: slots.map { facts.rows[$0].id.rawValue }, rows: &rows,
                                             quantized: quantized)
        else { return [Float](repeating: 0, count: slots.count) }
        for (i, slot) in slots.enumerated() { rowHints[slot] = rows[i] }
        return dots.map { dot in dot.map { LogisticRegression.sigmoid(norm * $0 + regression.bias) } ?? 0 }
    }

    static func reason(_ parts: Parts, row: PaperFacts.Row, model: ReaderModel, facts: PaperFacts, vectors: VectorIndex,
                       authorWeight: [Float]) -> RecommendationReason {
        let strongest = max(parts.author, parts.text, parts.category, parts.popularity)
        if strongest > 0, parts.author == strongest,
           let best = row.authors.max(by: { authorWeight[Int($0)] < authorWeight[Int($1)] }) {
            let name = facts.authorDisplayNames[Int(best)]
            return model.followedAuthorIDs.contains(best) ? .followedAuthor(name) : .likedAuthor(name)
        }
        if strongest > 0, parts.text == strongest, let liked = nearestLiked(to: row.id, model: model, vectors: vectors),
           let title = facts.row(liked)?.title {
            return .similar(to: liked, title: title)
        }
        if strongest > 0, parts.category == strongest,
           let category = row.categories.max(by: { (model.categoryWeights[$0] ?? 0) < (model.categoryWeights[$1] ?? 0) }) {
            return .category(category, followed: model.signals.followedCategories.contains(category))
        }
        return .popular
    }

    /// The liked paper (of the latest 100 with vectors) whose vector is closest to `id`'s.
    static func nearestLiked(to id: PaperID, model: ReaderModel, vectors: VectorIndex) -> PaperID? {
        guard let v = vectors.vector(for: id.rawValue) else { return nil }
        let liked = model.likedWithVectors.prefix(100).map(\.rawValue)
        return (try? vectors.exactSearch(v, k: 1, among: liked))?.first.map { PaperID(unchecked: $0.id) }
    }
}

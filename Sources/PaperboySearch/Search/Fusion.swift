/// Combining ranked lists from several retrievers (lexical BM25, dense vectors) into one ranking.
///
/// Every retriever hands over the same shape, ``SearchHit`` (id, score), best first. Two methods:
/// - ``reciprocalRank(_:k:)``: `score(d) = Σ_lists 1 / (k + rank(d))`, ranks from 1; robust to score scales.
/// - ``normalizedSum(_:weights:)``: each list's scores min-max normalised to [0, 1] (a document missing
///   from a list gets 0 there), then a weighted sum. With two lists and weights `[1 - α, α]` this is the
///   usual convex combination.
/// Ties are broken by id so results are deterministic.
public enum Fusion {
    /// Reciprocal rank fusion (Cormack et al. 2009); `k = 60` is the customary constant.
    public static func reciprocalRank(_ lists: [[SearchHit]], k: Float = 60) -> [SearchHit] {
        var scores: [String: Float] = [:]
        for list in lists {
            for (i, item) in list.enumerated() {
                scores[item.id, default: 0] += 1 / (k + Float(i + 1))
            }
        }
        return ranked(scores)
    }

    /// Weighted sum of min-max–normalised scores; `weights` has one entry per list (extra lists are ignored).
    public static func normalizedSum(_ lists: [[SearchHit]], weights: [Float]) -> [SearchHit] {
        var scores: [String: Float] = [:]
        for (list, weight) in zip(lists, weights) {
            guard let hi = list.map(\.score).max(), let lo = list.map(\.score).min() else { continue }
            let span = hi - lo
            for item in list {
                let normalised = span > 0 ? (item.score - lo) / span : 1
                scores[item.id, default: 0] += weight * normalised
            }
            for item in list where scores[item.id] == nil { scores[item.id] = 0 }
        }
        return ranked(scores)
    }

    static func ranked(_ scores: [String: Float]) -> [SearchHit] {
        scores.map { SearchHit(id: $0.key, score: $0.value) }
            .sorted { $0.score != $1.score ? $0.score > $1.score : $0.id < $1.id }
    }
}

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

    /// How ``normalizedSum(_:weights:normalization:)`` puts each list's scores on one scale.
    public enum Normalization: String, Sendable, CaseIterable {
        /// `(s - min) / (max - min)`: the list's best is 1, its last 0; a document missing from the list gets 0.
        case minMax
        /// `(s - mean) / standard deviation`; a document missing from the list gets the list's lowest value.
        case zScore
    }

    /// Weighted sum of normalised scores; `weights` has one entry per list (extra lists are ignored).
    public static func normalizedSum(_ lists: [[SearchHit]], weights: [Float],
                                     normalization: Normalization = .minMax) -> [SearchHit] {
        var scores: [String: Float] = [:]
        var floors: [Float] = []
        var members: [Set<String>] = []
        for (list, weight) in zip(lists, weights) {
            let normalised = normalise(list.map(\.score), normalization)
            for (item, value) in zip(list, normalised) { scores[item.id, default: 0] += weight * value }
            floors.append(weight * (normalised.min() ?? 0))
            members.append(Set(list.map(\.id)))
        }
        // A document a list did not return counts as that list's lowest normalised score.
        for (floor, ids) in zip(floors, members) where floor != 0 {
            for id in scores.keys where !ids.contains(id) { scores[id, default: 0] += floor }
        }
        return ranked(scores)
    }

    static func normalise(_ values: [Float], _ normalization: Normalization) -> [Float] {
        guard let hi = values.max(), let lo = values.min() else { return [] }
        switch normalization {
        case .minMax:
            let span = hi - lo
            return values.map { span > 0 ? ($0 - lo) / span : 1 }
        case .zScore:
            let mean = values.reduce(0, +) / Float(values.count)
            let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Float(values.count)
            let deviation = variance.squareRoot()
            return values.map { deviation > 0 ? ($0 - mean) / deviation : 0 }
        }
    }

    /// `list` extended with `score(id)` for every document of `other` it lacks (e.g. the exact cosine of lexical
    /// candidates the dense top-k missed), so each candidate is fused on a real score rather than "below the list".
    /// Documents `score` returns nil for are left out. Sorted best first.
    public static func filled(_ list: [SearchHit], from other: [SearchHit], score: (String) -> Float?) -> [SearchHit] {
        let present = Set(list.map(\.id))
        var out = list
        for hit in other where !present.contains(hit.id) {
            if let value = score(hit.id) { out.append(SearchHit(id: hit.id, score: value)) }
        }
        return out.sorted { $0.score != $1.score ? $0.score > $1.score : $0.id < $1.id }
    }

    static func ranked(_ scores: [String: Float]) -> [SearchHit] {
        scores.map { SearchHit(id: $0.key, score: $0.value) }
            .sorted { $0.score != $1.score ? $0.score > $1.score : $0.id < $1.id }
    }
}

import Foundation
import PaperboyCore
import PaperboyRecommend
import PaperboySearch
import PaperboyVectors

/// The baselines `paperboy eval recommend` measures beside the product's ranking, on the same candidates and
/// profiles (each excludes the profile's papers, as the product excludes what was upvoted):
/// - popularity: most upvotes first;
/// - TF-IDF: cosine between a candidate's TF-IDF vector (title + abstract, the search analyzer's stemmed terms,
///   log tf, idf over the evaluated papers) and the mean of the profile's unit vectors;
/// - MiniLM centroid: cosine between a candidate's vector and the mean of the profile's vectors;
/// - author overlap: Σ over a candidate's authors of how many profile papers that author wrote.
/// Ties break by id, so every ranking is total.
public struct RecommendationBaselines: Sendable {
    public static let names = ["popularity", "tfidf", "minilm_centroid", "author_overlap"]

    let facts: PaperFacts
    let vectors: VectorIndex
    let tfidf: [PaperID: [Int: Float]]

    /// `texts`: title + abstract of every paper that is a candidate or in a profile.
    public init(facts: PaperFacts, vectors: VectorIndex, texts: [PaperID: String]) {
        self.facts = facts
        self.vectors = vectors
        let analyzer = Analyzer()
        var vocabulary: [String: Int] = [:]
        var counts: [PaperID: [Int: Int]] = [:]
        var df: [Int: Int] = [:]
        for (id, text) in texts {
            var tf: [Int: Int] = [:]
            for token in analyzer.analyze(text) {
                let term: Int
                if let known = vocabulary[token.term] { term = known } else { term = vocabulary.count; vocabulary[token.term] = term }
                tf[term, default: 0] += 1
            }
            for term in tf.keys { df[term, default: 0] += 1 }
            counts[id] = tf
        }
        let n = Float(max(1, texts.count))
        var weighted: [PaperID: [Int: Float]] = [:]
        for (id, tf) in counts {
            var v: [Int: Float] = [:]
            for (term, count) in tf { v[term] = (1 + log(Float(count))) * log(n / Float(df[term] ?? 1)) }
            let norm = v.values.reduce(0) { $0 + $1 * $1 }.squareRoot()
            if norm > 0 { for key in v.keys { v[key]! /= norm } }
            weighted[id] = v
        }
        tfidf = weighted
    }

    public func rank(_ name: String, profile: [PaperID], candidates: [PaperID]) -> [PaperID] {
        let excluded = Set(profile)
        let pool = candidates.filter { !excluded.contains($0) }
        let scores: [PaperID: Float]
        switch name {
        case "popularity": scores = Dictionary(uniqueKeysWithValues: pool.map { ($0, Float(facts.row($0)?.upvotes ?? 0)) })
        case "tfidf": scores = tfidfScores(profile: profile, pool: pool)
        case "minilm_centroid": scores = centroidScores(profile: profile, pool: pool)
        default: scores = authorScores(profile: profile, pool: pool)
        }
        return pool.sorted {
            let a = scores[$0] ?? 0, b = scores[$1] ?? 0
            return a != b ? a > b : $0.rawValue < $1.rawValue
        }
    }

    func tfidfScores(profile: [PaperID], pool: [PaperID]) -> [PaperID: Float] {
        var centroid: [Int: Float] = [:]
        for id in profile { for (term, w) in tfidf[id] ?? [:] { centroid[term, default: 0] += w / Float(profile.count) } }
        return Dictionary(uniqueKeysWithValues: pool.map { id in
            (id, (tfidf[id] ?? [:]).reduce(0) { $0 + $1.value * (centroid[$1.key] ?? 0) })
        })
    }

    func centroidScores(profile: [PaperID], pool: [PaperID]) -> [PaperID: Float] {
        var centroid = [Float](repeating: 0, count: vectors.dimension)
        for v in profile.compactMap({ vectors.vector(for: $0.rawValue) }) { for i in v.indices { centroid[i] += v[i] } }
        guard centroid.contains(where: { $0 != 0 }),
              let hits = try? vectors.exactSearch(centroid, k: pool.count, among: pool.map(\.rawValue)) else { return [:] }
        return Dictionary(hits.map { (PaperID(unchecked: $0.id), $0.score) }, uniquingKeysWith: max)
    }

    func authorScores(profile: [PaperID], pool: [PaperID]) -> [PaperID: Float] {
        var written: [Int32: Float] = [:]
        for id in profile { for author in facts.row(id)?.authors ?? [] { written[author, default: 0] += 1 } }
        return Dictionary(uniqueKeysWithValues: pool.map { id in
            (id, (facts.row(id)?.authors ?? []).reduce(0) { $0 + (written[$1] ?? 0) })
        })
    }
}

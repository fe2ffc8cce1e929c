import Foundation

/// BM25F parameters (Robertson & Zaragoza's "simple BM25F").
///
/// For a document d and query term t with per-field frequencies tf_f and field lengths len_f (tokens):
///
///     T(t, d)   = Σ_f  w_f · tf_f / (1 − b_f + b_f · len_f / avglen_f)
///     score     = Σ_t  qtf_t · idf(t) · T / (k1 + T)
///     idf(t)    = ln(1 + (N − df + 0.5) / (df + 0.5))
///
/// with fields title and abstract for free text; `author:` clauses score the authors field alone the same way.
/// N and df count every document in the snapshot (deleted ones included, as Lucene does until a merge).
///
/// Defaults were chosen on the SciFact *train* qrels (`qrels-train.tsv`, 405 queries), never on test, with
/// a tuning grid on SciFact train (k1 ∈ {0.9, 1.2, 1.5} × b ∈ {0.5, 0.65, 0.75, 0.9} × title weight ∈ {1, 1.5, 2, 3},
/// abstract weight 1). The surface is flat (train nDCG@10 0.706–0.720); the best cells share title weight 2–3
/// and b ≥ 0.65. Chosen: k1 = 1.5, b = 0.75 (title and abstract), title weight 3 → train nDCG@10 0.7203.
/// Authors (only used by `author:` clauses): weight 1, b 0.3 (names lists vary little in length).
public struct BM25Parameters: Sendable, Hashable, Codable {
    public var k1: Float
    /// Weight per field [title, abstract, authors].
    public var weights: [Float]
    /// Length normalisation per field [title, abstract, authors], 0…1.
    public var b: [Float]

    public init(k1: Float = 1.5, weights: [Float] = [3.0, 1.0, 1.0], b: [Float] = [0.75, 0.75, 0.3]) {
        self.k1 = k1
        self.weights = weights
        self.b = b
    }

    /// Per-document factor w_f / (1 − b_f + b_f · len / avglen) for `field`; multiplies tf_f.
    @inline(__always)
    public func norm(field: Int, length: Int, average: Float) -> Float {
        let w = field < weights.count ? weights[field] : 1  // missing entries default to 1 and 0.75
        guard average > 0 else { return w }
        let bf = field < b.count ? min(max(b[field], 0), 1) : 0.75
        return w / (1 - bf + bf * Float(length) / average)
    }

    /// idf(t) = ln(1 + (N − df + 0.5) / (df + 0.5)).
    @inline(__always)
    public static func idf(docFreq: Int, docCount: Int) -> Float {
        let df = Float(docFreq)
        return Float(log(1 + (Double(docCount) - Double(df) + 0.5) / (Double(df) + 0.5)))
    }
}

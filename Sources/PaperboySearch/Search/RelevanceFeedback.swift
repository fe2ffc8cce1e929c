/// RM3 pseudo-relevance feedback (Lavrenko & Croft 2001; Abdul-Jaleel et al. 2004): the top `documents` of a first
/// lexical pass are taken as relevant, their term distributions — each P(t | d) = tf / |d| weighted by the
/// document's BM25F score — are summed into a relevance model, its `terms` heaviest terms are kept, and the
/// query model becomes λ · original + (1 − λ) · relevance model, searched again.
///
/// Where it runs: the lexical half of *hybrid* search (and `paperboy eval --mode hybrid`). Lexical mode keeps the
/// words the user typed: its matches, total and highlights stay word-exact, and on SciFact train feedback
/// lowered lexical-only nDCG@10 (0.7203 → 0.7173).
///
/// ``standard`` was chosen on SciFact *train* qrels (405 queries) by hybrid nDCG@10 over documents ∈ {2, 3, 5, 10}
/// × terms ∈ {3, 5, 10, 20} × λ ∈ {0.7, 0.8, 0.85, 0.9, 0.95}: no feedback 0.7558; best 2 / 3 / 0.95 at 0.7581,
/// next 2 / 5 / 0.9 0.7579, 3 / 5 / 0.9 0.7572; Anserini's usual 10 / 10 / 0.5 0.7311. Long claims gain little
/// from feedback; the short, underspecified queries of a search box are where RM3 is known to help.
public struct RelevanceFeedback: Sendable, Hashable {
    /// Feedback documents taken from the top of the first pass (0 turns feedback off).
    public var documents: Int
    /// Relevance-model terms kept.
    public var terms: Int
    /// λ, the original query's weight.
    public var originalWeight: Float

    /// Negative counts become 0; the weight is clamped to 0…1 (NaN counts as 1: no feedback).
    public init(documents: Int, terms: Int, originalWeight: Float) {
        self.documents = max(0, documents)
        self.terms = max(0, terms)
        self.originalWeight = originalWeight.isNaN ? 1 : min(max(originalWeight, 0), 1)
    }

    /// The setting the product uses (see the type's documentation for how it was chosen).
    public static let standard = RelevanceFeedback(documents: 2, terms: 3, originalWeight: 0.95)

    /// False when the setting cannot change a query (no documents, no terms, or λ = 1).
    public var isEnabled: Bool { documents > 0 && terms > 0 && originalWeight < 1 }

    /// The relevance model of `documents` (text and first-pass score, best first): top ``terms`` terms with
    /// weights summing to 1, heaviest first (ties by term, so the result is deterministic). Terms of one
    /// character and pure numbers are skipped.
    public func relevanceModel(_ documents: [(text: String, score: Float)], analyzer: Analyzer) -> [WeightedTerm] {
        var model: [String: Float] = [:]
        for document in documents.prefix(self.documents) {
            let terms = analyzer.analyze(document.text).map(\.term).filter { Self.isUseful($0) }
            guard !terms.isEmpty else { continue }
            let share = document.score / Float(terms.count)
            for term in terms { model[term, default: 0] += share }
        }
        let top = model.filter { $0.value > 0 }
            .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(terms)
        let total = top.reduce(Float(0)) { $0 + $1.value }
        guard total > 0 else { return [] }
        return top.map { WeightedTerm(term: $0.key, weight: $0.value / total) }
    }

    /// Terms worth adding: longer than one character and not a bare number.
    static func isUseful(_ term: String) -> Bool {
        term.count > 1 && !term.allSatisfy(\.isNumber)
    }
}

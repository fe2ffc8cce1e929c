/// A parsed query analysed against one snapshot: terms with global idf weights, phrases with relative
/// positions, and filters normalised for doc-value checks.
struct QueryPlan {
    /// One term of the plan; `key` carries the field prefix for author terms.
    struct Term {
        var key: String
        var isAuthor: Bool
        /// idf × query frequency.
        var weight: Float
    }

    /// A required or excluded clause: terms at relative positions (one term = plain term match).
    struct Phrase {
        var terms: [Term]
        /// Position of each term relative to the first.
        var offsets: [Int]
    }

    var should: [Term] = []
    var required: [Phrase] = []
    var excluded: [Phrase] = []
    /// Lowercased category names; empty = no filter.
    var categories: Set<String> = []
    var excludedCategories: Set<String> = []
    var fromDay: Int?
    var toDay: Int?

    init(query: ParsedQuery, snapshot: IndexSnapshot) {
        let analyzer = snapshot.analyzer
        var counts: [String: Int] = [:]
        var order: [String] = []
        for token in analyzer.analyze(query.text.joined(separator: " ")) {
            if counts[token.term] == nil { order.append(token.term) }
            counts[token.term, default: 0] += 1
        }
        if let expansion = query.expansion, !expansion.terms.isEmpty, !order.isEmpty {
            should = Self.expanded(order: order, counts: counts, expansion: expansion, snapshot: snapshot)
        } else {
            should = order.map { key in
                Term(key: key, isAuthor: false, weight: snapshot.idf(key) * Float(counts[key] ?? 1))
            }
        }
        for clause in query.required {
            guard let phrase = Self.phrase(clause, snapshot: snapshot) else { continue }
            required.append(phrase)
        }
        for clause in query.excluded {
            if let phrase = Self.phrase(clause, snapshot: snapshot) { excluded.append(phrase) }
        }
        categories = Set(query.categories.map { $0.lowercased() })
        excludedCategories = Set(query.excludedCategories.map { $0.lowercased() })
        fromDay = query.fromDay
        toDay = query.toDay
    }

    /// RM3 interpolation scaled by the query's length n (so an unexpanded query keeps its weights):
    /// weight(t) = idf(t) · (λ · qtf(t) + (1 − λ) · n · P(t | R)), with λ the original query's weight.
    static func expanded(order: [String], counts: [String: Int], expansion: QueryExpansion,
                         snapshot: IndexSnapshot) -> [Term] {
        let length = Float(counts.values.reduce(0, +))
        let lambda = min(max(expansion.originalWeight, 0), 1)
        var weights: [String: Float] = [:]
        var keys = order
        for key in order { weights[key] = lambda * Float(counts[key] ?? 1) }
        for term in expansion.terms {
            if weights[term.term] == nil { keys.append(term.term) }
            weights[term.term, default: 0] += (1 - lambda) * length * term.weight
        }
        return keys.map { Term(key: $0, isAuthor: false, weight: snapshot.idf($0) * (weights[$0] ?? 0)) }
    }

    static func phrase(_ clause: ParsedQuery.Clause, snapshot: IndexSnapshot) -> Phrase? {
        let isAuthor = clause.field == .author
        let analyzer = isAuthor ? Analyzer.names : snapshot.analyzer
        let tokens = analyzer.analyze(clause.text).filter { !$0.isCompoundJoin }
        guard let first = tokens.first else { return nil }
        var terms: [Term] = []
        var offsets: [Int] = []
        for t in tokens {
            let key = isAuthor ? FieldPrefix.authorTerm(t.term) : t.term
            terms.append(Term(key: key, isAuthor: isAuthor, weight: snapshot.idf(key)))
            offsets.append(t.position - first.position)
        }
        return Phrase(terms: terms, offsets: offsets)
    }

    var hasFilters: Bool {
        !categories.isEmpty || !excludedCategories.isEmpty || fromDay != nil || toDay != nil
    }

    /// Doc-value filters (categories, days) for `doc` of `view`.
    func passesFilters(_ view: SegmentView, _ doc: Int, categoryFilter: [Bool], excludedFilter: [Bool]) -> Bool {
        let segment = view.segment
        if fromDay != nil || toDay != nil {
            let day = segment.day(doc)
            if let fromDay, day < fromDay { return false }
            if let toDay, day > toDay { return false }
        }
        if !categories.isEmpty || !excludedCategories.isEmpty {
            var anyIncluded = categories.isEmpty
            for i in segment.categories(doc) {
                let ordinal = segment.categoryOrdinal(at: i)
                if !excludedFilter.isEmpty && excludedFilter[ordinal] { return false }
                if !categoryFilter.isEmpty && categoryFilter[ordinal] { anyIncluded = true }
            }
            if !anyIncluded { return false }
        }
        return true
    }

    /// Per-ordinal membership of the category filter in `segment` (empty when there is no such filter).
    func categoryMask(_ names: Set<String>, in segment: Segment) -> [Bool] {
        guard !names.isEmpty else { return [] }
        return segment.categoryNames.map { names.contains($0.lowercased()) }
    }
}

import Testing
@testable import PaperboySearch

@Suite("RM3 pseudo-relevance feedback")
struct RelevanceFeedbackTests {
    /// Two vitamin D papers also say "cholecalciferol"; a third says only "cholecalciferol" and is what the
    /// expansion should find. The rest are unrelated.
    static let documents = [
        SearchDocument(id: "a", title: "Vitamin D and fractures", abstract: "Cholecalciferol supplementation in older adults."),
        SearchDocument(id: "b", title: "Vitamin D deficiency", abstract: "Cholecalciferol levels and bone density."),
        SearchDocument(id: "c", title: "Cholecalciferol dosing", abstract: "Weekly cholecalciferol regimens compared."),
        SearchDocument(id: "d", title: "Sparse attention", abstract: "Block sparse kernels on GPUs."),
        SearchDocument(id: "e", title: "Protein folding", abstract: "Structure prediction with transformers."),
    ]

    func query(_ text: String) -> ParsedQuery {
        var q = ParsedQuery()
        q.text = [text]
        return q
    }

    func feedbackDocuments(_ hits: [SearchHit], limit: Int) -> [(text: String, score: Float)] {
        let byID = Dictionary(uniqueKeysWithValues: Self.documents.map { ($0.id, $0.title + " " + $0.abstract) })
        return hits.prefix(limit).compactMap { hit in byID[hit.id].map { (text: $0, score: hit.score) } }
    }

    @Test func theRelevanceModelSumsToOneKeepsTheHeaviestTermsAndSkipsNumbers() {
        let feedback = RelevanceFeedback(documents: 2, terms: 3, originalWeight: 0.5)
        let model = feedback.relevanceModel(
            [(text: "gene gene gene 2024 x protein", score: 2), (text: "gene cell", score: 1), (text: "ignored ignored", score: 9)],
            analyzer: Analyzer())
        // "x" (one letter) and "2024" (a number) are dropped, so |d1| = 4: gene = 3/4·2 + 1/2·1 = 2.0,
        // protein = 1/4·2 = 0.5, cell = 1/2·1 = 0.5 (the tie goes to the alphabetically earlier term).
        #expect(model.map(\.term) == ["gene", "cell", "protein"])
        let total = model.reduce(Float(0)) { $0 + $1.weight }
        #expect(abs(total - 1) < 1e-6)
        #expect(abs(model[0].weight - 2.0 / 3.0) < 1e-6)
        #expect(abs(model[1].weight - 0.5 / 3.0) < 1e-6 && abs(model[2].weight - 0.5 / 3.0) < 1e-6)
        #expect(!model.contains { $0.term == "ignored" })   // only the first `documents` count
    }

    @Test func tiesAreBrokenByTermSoTheModelIsDeterministic() {
        let feedback = RelevanceFeedback(documents: 1, terms: 2, originalWeight: 0.5)
        for _ in 0..<20 {
            let model = feedback.relevanceModel([(text: "zeta alpha mu", score: 1)], analyzer: Analyzer())
            #expect(model.map(\.term) == ["alpha", "mu"])
        }
    }

    @Test func planWeightsInterpolateTheOriginalQueryWithTheRelevanceModel() {
        let snapshot = SearchIndex.build(Self.documents).snapshot
        var q = query("vitamin vitamin bone")
        q.expansion = QueryExpansion(terms: [WeightedTerm(term: "bone", weight: 0.25), WeightedTerm(term: "cholecalciferol", weight: 0.75)],
                                     originalWeight: 0.8)
        let plan = QueryPlan(query: q, snapshot: snapshot)
        let weights = Dictionary(uniqueKeysWithValues: plan.should.map { ($0.key, $0.weight) })
        // n = 3 analysed query terms: w = idf · (λ · qtf + (1 − λ) · n · P(t|R)).
        #expect(plan.should.map(\.key) == ["vitamin", "bone", "cholecalciferol"])
        #expect(abs(weights["vitamin"]! - snapshot.idf("vitamin") * 0.8 * 2) < 1e-5)
        #expect(abs(weights["bone"]! - snapshot.idf("bone") * (0.8 + 0.2 * 3 * 0.25)) < 1e-5)
        #expect(abs(weights["cholecalciferol"]! - snapshot.idf("cholecalciferol") * 0.2 * 3 * 0.75) < 1e-5)
        // Without an expansion the plan is the plain query's.
        let plain = QueryPlan(query: query("vitamin vitamin bone"), snapshot: snapshot)
        #expect(plain.should.map(\.weight) == [snapshot.idf("vitamin") * 2, snapshot.idf("bone")])
    }

    @Test func expansionFindsADocumentThatLacksTheQueryWordsButRanksItBelowTheMatches() throws {
        let snapshot = SearchIndex.build(Self.documents).snapshot
        let request = SearchRequest(query: query("vitamin"), limit: 10)
        let first = snapshot.search(request)
        #expect(Set(first.hits.map(\.id)) == ["a", "b"])
        let feedback = RelevanceFeedback(documents: 2, terms: 3, originalWeight: 0.7)
        let expandedQuery = snapshot.expanded(request.query, feedbackDocuments: feedbackDocuments(first.hits, limit: 2),
                                              feedback: feedback)
        let terms = try #require(expandedQuery.expansion).terms.map(\.term)
        #expect(terms.contains("cholecalciferol"))   // analysed (stemmed) as the index stores it
        var expanded = request
        expanded.query = expandedQuery
        let second = snapshot.search(expanded)
        #expect(Array(second.hits.map(\.id).prefix(2)).sorted() == ["a", "b"])
        #expect(second.hits.map(\.id).contains("c"))
        #expect(!second.hits.map(\.id).contains("d") && !second.hits.map(\.id).contains("e"))
        // Exclusions and filters still hold for the expanded query.
        var excluding = expanded
        excluding.query.excluded = [ParsedQuery.Clause(field: .text, text: "weekly")]
        #expect(!snapshot.search(excluding).hits.map(\.id).contains("c"))
    }

    @Test func searchWithFeedbackExpandsAndFallsBackToTheFirstPassWhenTextsFail() async {
        struct Failure: Error {}
        let snapshot = SearchIndex.build(Self.documents).snapshot
        let request = SearchRequest(query: query("vitamin"), limit: 10)
        let feedback = RelevanceFeedback(documents: 2, terms: 3, originalWeight: 0.7)
        let expanded = await snapshot.search(request, feedback: feedback) { hits in
            feedbackDocuments(hits, limit: hits.count).map(\.text)
        }
        #expect(expanded.hits.map(\.id).contains("c"))
        #expect(expanded.total == 2)   // the first pass's count: documents with the typed word
        let failed = await snapshot.search(request, feedback: feedback) { _ in throw Failure() }
        #expect(failed.hits == snapshot.search(request).hits)
    }

    @Test func feedbackLeavesTheQueryAloneWhenItCannotHelp() {
        let snapshot = SearchIndex.build(Self.documents).snapshot
        let docs = [(text: "cholecalciferol vitamin", score: Float(1))]
        #expect(snapshot.expanded(query("vitamin"), feedbackDocuments: docs,
                                  feedback: RelevanceFeedback(documents: 0, terms: 3, originalWeight: 0.5)).expansion == nil)
        #expect(snapshot.expanded(query("vitamin"), feedbackDocuments: docs,
                                  feedback: RelevanceFeedback(documents: 2, terms: 3, originalWeight: 1)).expansion == nil)
        #expect(snapshot.expanded(ParsedQuery(), feedbackDocuments: docs).expansion == nil)
        #expect(snapshot.expanded(query("vitamin"), feedbackDocuments: []).expansion == nil)
        #expect(snapshot.expanded(query("vitamin"), feedbackDocuments: [(text: "a 1 22", score: 1)]).expansion == nil)
        // A query of stop words only is not expanded (it has no terms to interpolate with)…
        #expect(snapshot.expanded(query("the of and"), feedbackDocuments: docs).expansion == nil)
        // …and an expansion forced onto one is ignored by the plan: nothing matches.
        var stopWords = query("the of and")
        stopWords.expansion = QueryExpansion(terms: [WeightedTerm(term: "vitamin", weight: 1)], originalWeight: 0.5)
        #expect(snapshot.search(SearchRequest(query: stopWords, limit: 10)).hits.isEmpty)
    }

    @Test func settingsAreClampedSoNoInputCanTrap() {
        let odd = RelevanceFeedback(documents: -3, terms: -1, originalWeight: 7)
        #expect(odd.documents == 0 && odd.terms == 0 && odd.originalWeight == 1 && !odd.isEnabled)
        #expect(RelevanceFeedback(documents: 2, terms: 3, originalWeight: .nan).originalWeight == 1)
        #expect(RelevanceFeedback(documents: 2, terms: 3, originalWeight: -1).originalWeight == 0)
        #expect(odd.relevanceModel([(text: "vitamin", score: 1)], analyzer: Analyzer()).isEmpty)
        // The product's setting, chosen on SciFact train (see RelevanceFeedback's documentation).
        #expect(RelevanceFeedback.standard == RelevanceFeedback(documents: 2, terms: 3, originalWeight: 0.95))
        #expect(RelevanceFeedback.standard.isEnabled)
    }
}

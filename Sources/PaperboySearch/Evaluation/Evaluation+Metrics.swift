import Foundation

extension Evaluation {
    /// nDCG@k with graded gains and a log2(rank + 1) discount (pytrec_eval's `ndcg_cut`, as BEIR reports):
    /// DCG = Σ_{i=1..k} rel_i / log2(i + 1); IDCG is the DCG of the judged docs sorted by relevance.
    public static func ndcg(ranking: [String], judgements: [String: Int], k: Int) -> Double {
        var dcg = 0.0
        for (i, doc) in ranking.prefix(k).enumerated() {
            let rel = judgements[doc] ?? 0
            if rel > 0 { dcg += Double(rel) / log2(Double(i + 2)) }
        }
        let ideal = judgements.values.filter { $0 > 0 }.sorted(by: >).prefix(k)
        var idcg = 0.0
        for (i, rel) in ideal.enumerated() { idcg += Double(rel) / log2(Double(i + 2)) }
        return idcg > 0 ? dcg / idcg : 0
    }

    /// Fraction of relevant docs (rel > 0) found in the first k.
    public static func recall(ranking: [String], judgements: [String: Int], k: Int) -> Double {
        let relevant = judgements.filter { $0.value > 0 }.count
        guard relevant > 0 else { return 0 }
        let found = ranking.prefix(k).filter { (judgements[$0] ?? 0) > 0 }.count
        return Double(found) / Double(relevant)
    }

    /// 1 / rank of the first relevant doc within the first k, else 0.
    public static func reciprocalRank(ranking: [String], judgements: [String: Int], k: Int) -> Double {
        for (i, doc) in ranking.prefix(k).enumerated() where (judgements[doc] ?? 0) > 0 { return 1 / Double(i + 1) }
        return 0
    }

    /// Means over the queries in `qrels` (a judged query missing from `run` scores 0).
    public static func evaluate(run: Run, qrels: Qrels) -> Metrics {
        var ndcg = 0.0
        var recall = 0.0
        var mrr = 0.0
        for (query, judgements) in qrels {
            let ranking = run[query] ?? []
            ndcg += Self.ndcg(ranking: ranking, judgements: judgements, k: 10)
            recall += Self.recall(ranking: ranking, judgements: judgements, k: 100)
            mrr += reciprocalRank(ranking: ranking, judgements: judgements, k: 10)
        }
        let n = Double(max(qrels.count, 1))
        return Metrics(ndcgAt10: ndcg / n, recallAt100: recall / n, mrrAt10: mrr / n, queries: qrels.count)
    }

    /// Indexes `corpus` (title + text as title + abstract), runs every judged query as free text (top 100) and
    /// evaluates. Query text is searched as plain words (operators in claims are not interpreted).
    public static func evaluate(
        corpus: [CorpusDocument], queries: [Query], qrels: Qrels,
        configuration: SearchIndex.Configuration = SearchIndex.Configuration()
    ) -> Metrics {
        let index = SearchIndex.build(
            corpus.map { SearchDocument(id: $0.id, title: $0.title, abstract: $0.text) }, configuration: configuration)
        return evaluate(snapshot: index.snapshot, queries: queries, qrels: qrels)
    }

    /// Runs the judged queries on `snapshot` and evaluates.
    public static func evaluate(snapshot: IndexSnapshot, queries: [Query], qrels: Qrels) -> Metrics {
        var run: Run = [:]
        for q in queries where qrels[q.id] != nil {
            var parsed = ParsedQuery()
            parsed.text = [q.text]
            let results = snapshot.search(SearchRequest(query: parsed, limit: 100, exactTotal: false))
            run[q.id] = results.hits.map(\.id)
        }
        return evaluate(run: run, qrels: qrels)
    }
}

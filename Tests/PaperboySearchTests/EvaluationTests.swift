import Foundation
import Testing
import PaperboySearch

@Suite struct EvaluationTests {
    /// A fixed run checked against hand arithmetic.
    ///
    /// q1: judged d1 = 2, d2 = 1, d3 = 1; ranking [d4, d1, d5, d2]
    ///   DCG@10  = 2/log2(3) + 1/log2(5) = 1.2618595 + 0.4306766 = 1.6925361
    ///   IDCG@10 = 2/log2(2) + 1/log2(3) + 1/log2(4) = 2 + 0.6309298 + 0.5 = 3.1309298
    ///   nDCG@10 = 1.6925361 / 3.1309298 = 0.5405857
    ///   recall@100 = 2 of 3 = 0.6666667; RR@10 = 1/2 (first relevant at rank 2)
    /// q2: judged d9 = 1; ranking [d9] → nDCG 1, recall 1, RR 1
    /// q3: judged d7 = 1; not in the run → all 0
    /// means: nDCG = (0.5405857 + 1 + 0) / 3 = 0.5135286; recall = (0.6666667 + 1) / 3 = 0.5555556;
    ///        MRR = (0.5 + 1) / 3 = 0.5
    @Test func metricsMatchHandComputedValues() {
        let qrels: Evaluation.Qrels = ["q1": ["d1": 2, "d2": 1, "d3": 1], "q2": ["d9": 1], "q3": ["d7": 1]]
        let run: Evaluation.Run = ["q1": ["d4", "d1", "d5", "d2"], "q2": ["d9"], "qX": ["d1"]]
        let q1 = Evaluation.ndcg(ranking: run["q1"]!, judgements: qrels["q1"]!, k: 10)
        #expect(abs(q1 - 0.5405857) < 1e-6)
        let m = Evaluation.evaluate(run: run, qrels: qrels)
        #expect(m.queries == 3)
        #expect(abs(m.ndcgAt10 - 0.5135286) < 1e-6)
        #expect(abs(m.recallAt100 - 0.5555556) < 1e-6)
        #expect(abs(m.mrrAt10 - 0.5) < 1e-9)
    }

    @Test func readersParseBEIRLines() throws {
        let corpus = try Evaluation.readCorpus(lines: [#"{"_id": "4983", "title": "T", "text": "Body", "metadata": {}}"#])
        #expect(corpus == [Evaluation.CorpusDocument(id: "4983", title: "T", text: "Body")])
        let qrels = try Evaluation.readQrels(lines: ["query-id\tcorpus-id\tscore", "1\t31715818\t1", "1\t2\t2"])
        #expect(qrels == ["1": ["31715818": 1, "2": 2]])
        #expect(throws: SearchError.self) { try Evaluation.readQrels(lines: ["query-id\tcorpus-id\tscore", "oops"]) }
    }
}

import Foundation
import Testing
import PaperboySearch

/// nDCG@10 on BEIR SciFact and NFCorpus (test qrels). Parameters were chosen on SciFact train qrels only.
/// Runs in every build, debug too (indexing the 8.5k documents unoptimised takes 30–60 s on 2 cores); without the
/// shared data it is skipped with a message, except under CI, where missing data fails the test.
@Suite struct RelevanceTests {
    static func metrics(_ name: String, qrelsFile: String, configuration: SearchIndex.Configuration = .init()) throws
        -> Evaluation.Metrics?
    {
        guard let corpusURL = TestData.file("beir/\(name)/corpus.jsonl.gz"),
            let queriesURL = TestData.file("beir/\(name)/queries.jsonl.gz"),
            let qrelsURL = TestData.file("beir/\(name)/\(qrelsFile)")
        else {
            TestData.missing("beir/\(name)")
            return nil
        }
        let corpus = try Evaluation.readCorpus(lines: try TestData.lines(corpusURL))
        let queries = try Evaluation.readQueries(lines: try TestData.lines(queriesURL))
        let qrels = try Evaluation.readQrels(lines: try TestData.lines(qrelsURL))
        return Evaluation.evaluate(corpus: corpus, queries: queries, qrels: qrels, configuration: configuration)
    }

    @Test func scifactTest() throws {
        guard let m = try Self.metrics("scifact", qrelsFile: "qrels-test.tsv") else { return }
        print("scifact test: nDCG@10 \(m.ndcgAt10) recall@100 \(m.recallAt100) MRR@10 \(m.mrrAt10) (\(m.queries) queries)")
        #expect(m.queries == 300)
        #expect(m.ndcgAt10 >= 0.679)
    }

    @Test func nfcorpusTest() throws {
        guard let m = try Self.metrics("nfcorpus-processed", qrelsFile: "qrels-test.tsv") else { return }
        print("nfcorpus test: nDCG@10 \(m.ndcgAt10) recall@100 \(m.recallAt100) MRR@10 \(m.mrrAt10) (\(m.queries) queries)")
        #expect(m.ndcgAt10 >= 0.31)
    }
}

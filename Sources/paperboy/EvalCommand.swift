import ArgumentParser
import Foundation
import PaperboyIngest
import PaperboySearch

struct Eval: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Evaluate search quality on a BEIR data set (nDCG@10, recall@100, MRR@10).",
        discussion: """
            Reads corpus.jsonl[.gz] (_id, title, text), queries.jsonl[.gz] (_id, text) and a qrels TSV with a header
            (query-id, corpus-id, score). Only queries present in the qrels are run.
            """
    )

    @Option(help: "BEIR corpus (.jsonl or .jsonl.gz).", completion: .file())
    var corpus: String

    @Option(help: "BEIR queries (.jsonl or .jsonl.gz).", completion: .file())
    var queries: String

    @Option(help: "Qrels TSV with a header line.", completion: .file())
    var qrels: String

    @Option(help: "Retrieval mode: lexical (BM25).")
    var mode = "lexical"

    @Flag(help: "Print one JSON object: ndcg@10, recall@100, mrr@10, queries.")
    var json = false

    func validate() throws {
        guard mode == "lexical" else {
            throw ValidationError("Unknown --mode '\(mode)': this build evaluates 'lexical' (BM25).")
        }
    }

    func run() async throws {
        let started = Date()
        let corpusDocs: [Evaluation.CorpusDocument]
        let queryList: [Evaluation.Query]
        let judgements: Evaluation.Qrels
        do {
            corpusDocs = try Evaluation.readCorpus(lines: try LineReader(path: corpus))
            queryList = try Evaluation.readQueries(lines: try LineReader(path: queries))
            judgements = try Evaluation.readQrels(lines: try LineReader(path: qrels))
        } catch let error as SearchError {
            throw ValidationError(error.message)
        }
        let metrics = Evaluation.evaluate(corpus: corpusDocs, queries: queryList, qrels: judgements)
        if json {
            let object: [String: Any] = ["ndcg@10": metrics.ndcgAt10, "recall@100": metrics.recallAt100,
                                         "mrr@10": metrics.mrrAt10, "queries": metrics.queries, "mode": mode]
            print(String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self))
        } else {
            print("mode:       \(mode)")
            print("documents:  \(corpusDocs.count)")
            print("queries:    \(metrics.queries)")
            print(String(format: "nDCG@10:    %.4f", metrics.ndcgAt10))
            print(String(format: "recall@100: %.4f", metrics.recallAt100))
            print(String(format: "MRR@10:     %.4f", metrics.mrrAt10))
            print(String(format: "time:       %.2f s", Date().timeIntervalSince(started)))
        }
    }
}

import ArgumentParser
import Foundation
import Logging
import PaperboyBench
import PaperboyCatalog
import PaperboyCore
import PaperboyEmbedding
import PaperboyIngest
import PaperboySearch
import PaperboyConfig
import PaperboyStore
import PaperboyWeb

struct Eval: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure quality on the product's own code paths: search (the default) or recommendations.",
        subcommands: [EvalSearch.self, EvalRecommend.self], defaultSubcommand: EvalSearch.self)
}

struct EvalSearch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Evaluate search quality on a BEIR data set (nDCG@10, recall@100, MRR@10) through the site's own search.",
        discussion: """
            Every query goes through the same path as GET /api/search: the query parser, the catalog's lexical, \
            semantic or hybrid ranking with the product's fusion constants (HybridFusion), and the papers loaded \
            from the store. Nothing is re-implemented here.
            With --corpus, the BEIR corpus (_id, title, text) is imported as arXiv listing records into a database \
            cached under $TMPDIR (keyed by the corpus), embedded there by the embedding job when the mode needs \
            vectors, and searched. With --database, a database where the corpus was already imported that way \
            (each paper's comment 'beir:<id>'; see BEIRPapers) is searched as it is — e.g. the one a server runs on.
            Only queries present in the qrels (a TSV with a header: query-id, corpus-id, score) are run; a query the \
            site refuses (HTTP 400) counts as no results, and is reported.
            """
    )

    @Option(help: "BEIR corpus (.jsonl or .jsonl.gz), imported into a cached database.", completion: .file())
    var corpus: String?

    @Option(name: .long, help: ArgumentHelp(
        "A database the corpus was imported into (instead of --corpus): an SQLite file or postgres://… URL.",
        valueName: "path|url"))
    var database: String?

    @Option(help: "BEIR queries (.jsonl or .jsonl.gz).", completion: .file())
    var queries: String

    @Option(help: "Qrels TSV with a header line.", completion: .file())
    var qrels: String

    @Option(help: "Retrieval mode: lexical, semantic or hybrid.")
    var mode: SearchMode = .lexical

    @Flag(inversion: .prefixedNo, help: "Hybrid: pseudo-relevance feedback (RM3) for the lexical half, as the site does.")
    var feedback = true

    @Flag(help: "Print one JSON object: ndcg@10, recall@100, mrr@10, queries.")
    var json = false

    func validate() throws {
        guard (corpus == nil) != (database == nil) else {
            throw ValidationError("Give either --corpus (a BEIR corpus) or --database (a database it was imported into).")
        }
    }

    func run() async throws {
        let started = Date()
        let queryList: [Evaluation.Query]
        let judgements: Evaluation.Qrels
        do {
            queryList = try Evaluation.readQueries(lines: try LineReader(path: queries))
            judgements = try Evaluation.readQrels(lines: try LineReader(path: qrels))
        } catch let error as SearchError {
            throw ValidationError(error.message)
        }
        let judged = queryList.filter { judgements[$0.id] != nil }
        let log: (String) -> Void = { line in FileHandle.standardError.write(Data((line + "\n").utf8)) }
        let (path, stores) = try await database(log: log)
        var embedder: SentenceEncoder?
        if mode != .lexical {
            let encoder: SentenceEncoder
            do { encoder = try SentenceEncoder.load(from: configuredModel()) } catch { throw ValidationError(error.message) }
            let job = EmbeddingJob(store: stores.embeddings, embedder: encoder, batchSize: 128)
            let embedStarted = Date()
            let embedded = try await job.runPass()
            if embedded > 0 {
                log(String(format: "eval: embedded %d papers in %.1f s", embedded, Date().timeIntervalSince(embedStarted)))
            }
            embedder = encoder
        }
        let catalog = try await SearchCatalog.open(store: stores.papers, embeddings: stores.embeddings,
                                                   directory: AppConfiguration.searchDirectory(database: path, indexDirectory: nil),
                                                   embedder: embedder)
        var run: Evaluation.Run = [:]
        var refused: [String] = []
        var notes = 0
        for q in judged {
            let results: CatalogResults
            do {
                results = try await catalog.search(CatalogQuery(
                    text: q.text, limit: 100, mode: mode,
                    feedback: feedback ? HybridFusion.feedback : RelevanceFeedback(documents: 0, terms: 0, originalWeight: 1)))
            } catch let error as PaperboyError where error.code == .invalidInput {
                refused.append("\(q.id): \(error.message)")
                run[q.id] = []
                continue
            }
            guard results.mode == mode else {
                throw ValidationError("""
                    Query \(q.id) was ranked \(results.mode.rawValue), not \(mode.rawValue) \
                    (\(results.warnings.joined(separator: "; "))): the figures would not be \(mode.rawValue)'s.
                    """)
            }
            if !results.warnings.isEmpty { notes += 1 }
            run[q.id] = results.hits.compactMap { BEIRPapers.beirID(of: $0.detail.paper) }
        }
        for line in refused.prefix(5) { log("eval: refused \(line)") }
        let metrics = Evaluation.evaluate(run: run, qrels: judgements)
        if json {
            let object: [String: Any] = ["ndcg@10": metrics.ndcgAt10, "recall@100": metrics.recallAt100,
                                         "mrr@10": metrics.mrrAt10, "queries": metrics.queries, "mode": mode.rawValue,
                                         "documents": catalog.documentCount, "refused": refused.count,
                                         "with_notes": notes, "database": path]
            print(String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self))
        } else {
            print("mode:       \(mode.rawValue)")
            print("documents:  \(catalog.documentCount)")
            print("queries:    \(metrics.queries) (\(refused.count) refused, \(notes) answered with a note)")
            print(String(format: "nDCG@10:    %.4f", metrics.ndcgAt10))
            print(String(format: "recall@100: %.4f", metrics.recallAt100))
            print(String(format: "MRR@10:     %.4f", metrics.mrrAt10))
            print(String(format: "time:       %.2f s", Date().timeIntervalSince(started)))
        }
    }

    /// `--database` as given, or the cached database of `--corpus` (imported now; idempotent when it exists).
    func database(log: (String) -> Void) async throws -> (path: String, stores: Stores) {
        if let database {
            guard AppConfiguration.isPostgres(database) || FileManager.default.fileExists(atPath: database) else {
                throw ValidationError("No database at \(database).")
            }
            let opened = try await SiteDatabase.open(database, logger: Logger(label: "paperboy.eval"))
            return (opened.location, opened.stores)
        }
        let documents: [Evaluation.CorpusDocument]
        do {
            documents = try Evaluation.readCorpus(lines: try LineReader(path: corpus ?? ""))
        } catch let error as SearchError {
            throw ValidationError(error.message)
        }
        let scratch = FileManager.default.temporaryDirectory
        let path = scratch.appendingPathComponent("paperboy-eval-\(BEIRPapers.cacheKey(documents)).sqlite").path
        let stores = try Stores.sqlite(path: path)
        do {
            let report = try await BEIRPapers.importCorpus(documents, into: stores.papers, scratch: scratch)
            if report.counts.papersInserted > 0 { log("eval: imported \(report.counts.papersInserted) documents into \(path)") }
        } catch let error as PaperboyError {
            throw ValidationError(error.message)
        }
        return (path, stores)
    }
}

extension SearchMode: ExpressibleByArgument {}

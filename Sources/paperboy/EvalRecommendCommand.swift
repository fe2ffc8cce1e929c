import ArgumentParser
import Foundation
import PaperboyBench
import PaperboyCore
import PaperboyRecommend

struct EvalRecommend: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recommend",
        abstract: "Evaluate \"For you\" on real reading histories (nDCG@20, recall@50) against four baselines.",
        discussion: """
            The database must hold the HF daily dump (its entries' submitters are the readers; import \
            daily_papers.jsonl.gz) and, for the text parts, its vectors (paperboy embed). For each cutoff, readers \
            with ≥ 5 submissions before it and ≥ 2 in [cutoff, cutoff + days) — not taesiri or akhaliq — become \
            accounts in a copy of the database whose profile papers are upvoted; submitters are erased from the \
            copy first. The product's Recommender (what GET /api/recommendations serves) ranks the window's papers \
            for each; popularity, TF-IDF, MiniLM centroid and author overlap rank the same candidates. The database \
            itself is never written.
            """
    )

    @Option(help: ArgumentHelp("An SQLite database with the HF daily dump imported.", valueName: "path"))
    var database: String

    @Option(help: "Cutoff day (YYYY-MM-DD); repeat for several.")
    var cutoff: [String] = ["2025-12-01"]

    @Option(help: "Window length in days after each cutoff.")
    var days = 90

    @Option(help: ArgumentHelp("Tuning: override a ranking constant (text, category, popularity, fade, followedAuthor, epochs), e.g. text=0.3; repeatable.", valueName: "name=value"))
    var set: [String] = []

    @Flag(help: "Print one JSON object: one entry per cutoff with each ranker's ndcg@20 and recall@50.")
    var json = false

    func validate() throws {
        guard (1...3_650).contains(days) else { throw ValidationError("--days must be 1 to 3650, not \(days).") }
        guard FileManager.default.fileExists(atPath: database) else {
            throw ValidationError("No database at \(database) (import the HF daily dump into it first).")
        }
        for day in cutoff {
            do { _ = try Day(parsing: day) } catch { throw ValidationError("--cutoff '\(day)': \(error.message)") }
        }
    }

    func parameters() throws -> RecommenderParameters {
        var p = RecommenderParameters.default
        for item in set {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let value = Float(parts[1]) else { throw ValidationError("--set '\(item)': expected name=number.") }
            switch parts[0] {
            case "text": p.text = value
            case "category": p.category = value
            case "popularity": p.popularity = value
            case "fade": p.fade = value
            case "followedAuthor": p.followedAuthor = value
            case "epochs": p.epochs = Int(value)
            case "candidateAuthorExponent": p.candidateAuthorExponent = value
            case "quantizedText": p.quantizedText = value != 0
            default: throw ValidationError("--set '\(item)': unknown constant '\(parts[0])'.")
            }
        }
        return p
    }

    func run() async throws {
        let eval = RecommendationEval(databasePath: database)
        var results: [RecommendationEval.CutoffResult] = []
        for day in cutoff {
            let started = Date()
            let result = try await eval.run(cutoff: try Day(parsing: day), days: days, parameters: try parameters())
            FileHandle.standardError.write(Data(String(
                format: "eval recommend: cutoff %@, %d readers, %d candidates, vectors %.0f%%, %.1f s\n",
                day, result.readers, result.candidates, result.vectorCoverage * 100, Date().timeIntervalSince(started)).utf8))
            if result.vectorCoverage < 0.99 {
                FileHandle.standardError.write(Data(
                    "eval recommend: warning: only \(Int(result.vectorCoverage * 100))% of the evaluated papers have vectors; run paperboy embed --database \(database) for the text parts.\n".utf8))
            }
            results.append(result)
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(["cutoffs": results]), as: UTF8.self))
            return
        }
        let rankers = ["model"] + RecommendationBaselines.names
        print("cutoff      days readers cands  " + rankers.map { $0.padding(toLength: 17, withPad: " ", startingAt: 0) }.joined())
        print(String(repeating: " ", count: 33) + rankers.map { _ in "nDCG@20 rec@50   " }.joined())
        for r in results {
            let cells = rankers.map { name -> String in
                guard let s = r.scores[name] else { return String(repeating: " ", count: 17) }
                return String(format: "%.3f   %.3f    ", s.ndcg20, s.recall50)
            }
            print(String(format: "%@ %4d %7d %5d  ", r.cutoff, r.days, r.readers, r.candidates) + cells.joined())
        }
    }
}

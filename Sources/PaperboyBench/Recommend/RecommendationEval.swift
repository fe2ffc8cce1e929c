import Foundation
import GRDB
import PaperboyCore
import PaperboyRecommend
import PaperboyStore
import PaperboyVectors

/// `paperboy eval recommend`: the product's ranking (``Recommender``, the code `GET /api/recommendations` serves)
/// against four baselines on real reading histories (``RecommendationHistories``).
///
/// For each cutoff the database is copied (`VACUUM INTO`, so the original is never written) and in the copy:
/// the submitter of every daily entry is read as the ground truth and then erased (the answer must be invisible
/// to the product); each evaluated reader becomes an account whose profile papers are upvoted (exactly what the
/// product sees from a reader who liked them, counted at once); then ``Recommender/recommend(userID:username:window:limit:)``
/// ranks the window `[cutoff, cutoff + days)` for each one. The baselines rank the same candidates.
public struct RecommendationEval: Sendable {
    public struct Scores: Sendable, Codable, Hashable {
        public var ndcg20: Double
        public var recall50: Double
    }

    public struct CutoffResult: Sendable, Codable {
        public var cutoff: String
        public var days: Int
        public var readers: Int
        public var candidates: Int
        /// Share of candidates and profile papers with a vector.
        public var vectorCoverage: Double
        /// "model" and each of ``RecommendationBaselines/names``.
        public var scores: [String: Scores]
    }

    public let databasePath: String
    public let model: String

    public init(databasePath: String, model: String = "all-MiniLM-L6-v2") {
        self.databasePath = databasePath
        self.model = model
    }

    public func run(cutoff: Day, days: Int, parameters: RecommenderParameters = .default) async throws -> CutoffResult {
        let scratch = try ScratchDatabase.copy(of: databasePath, purpose: "eval-recommend")
        defer { scratch.remove() }
        let submissions = try hideSubmitters(in: scratch.path)
        let histories = RecommendationHistories(submissions: submissions, cutoff: cutoff, days: days)
        let stores = try Stores.sqlite(path: scratch.path)
        let vectors = try await ScratchDatabase.vectors(stores.embeddings, model: model)
        let recommender = Recommender(papers: stores.papers, community: stores.community, delivery: stores.delivery,
                                      vectors: { vectors }, parameters: parameters)
        let window = try RecommendationWindow(since: cutoff, until: cutoff.advanced(by: days))
        // The readers' likes, as the product would record them: upvotes just before the cutoff.
        let at = Date(timeIntervalSince1970: cutoff.secondsSinceEpoch - 1)
        var accounts: [(RecommendationHistories.Reader, User)] = []
        for (i, reader) in histories.readers.enumerated() {
            let user = try await stores.accounts.createUser(username: "evalreader\(i)", email: "evalreader\(i)@example.org",
                                                            passwordHash: "-", at: at)
            for paper in reader.profile {
                _ = try await stores.community.setUpvote(userID: user.id, paperID: paper, to: true, at: at)
            }
            accounts.append((reader, user))
        }
        let candidates = try await recommender.candidates(in: window)
        let facts = try await recommender.currentFacts()
        let evaluated = Set(candidates).union(histories.readers.flatMap(\.profile))
        let texts = Dictionary(try await stores.papers.details(Array(evaluated)).map {
            ($0.paper.id, $0.paper.title + " " + $0.paper.abstract)
        }, uniquingKeysWith: { a, _ in a })
        let baselines = RecommendationBaselines(facts: facts, vectors: vectors, texts: texts)

        var sums: [String: (ndcg: Double, recall: Double)] = [:]
        for (reader, user) in accounts {
            let list = try await recommender.recommend(userID: user.id, username: user.username, window: window, limit: 50)
            var rankings = ["model": list.items.map(\.paperID)]
            for name in RecommendationBaselines.names {
                rankings[name] = baselines.rank(name, profile: reader.profile, candidates: candidates)
            }
            for (name, ranking) in rankings {
                let s = sums[name] ?? (0, 0)
                sums[name] = (s.ndcg + RankingMetrics.ndcg(ranking, relevant: reader.relevant, k: 20),
                              s.recall + RankingMetrics.recall(ranking, relevant: reader.relevant, k: 50))
            }
        }
        let n = Double(max(1, accounts.count))
        let covered = evaluated.filter { vectors.contains(id: $0.rawValue) }.count
        return CutoffResult(cutoff: cutoff.description, days: days, readers: accounts.count, candidates: candidates.count,
                            vectorCoverage: evaluated.isEmpty ? 0 : Double(covered) / Double(evaluated.count),
                            scores: sums.mapValues { Scores(ndcg20: $0.ndcg / n, recall50: $0.recall / n) })
    }

    /// Reads every entry's submitter in the copy at `path` and erases them there; returns the submissions.
    func hideSubmitters(in path: String) throws -> [RecommendationHistories.Submission] {
        do {
            let copy = try DatabaseQueue(path: path)
            let submissions = try RecommendationHistories.submissions(in: copy)
            try copy.write { db in
                try db.execute(sql: """
                    UPDATE daily_entries SET submitter_username = NULL, submitter_fullname = NULL, submitter_avatar = NULL
                    """)
            }
            try copy.close()
            return submissions
        } catch {
            throw PaperboyError(.storage, "Cannot hide the submitters in the evaluation's copy of \(databasePath).", cause: error)
        }
    }
}

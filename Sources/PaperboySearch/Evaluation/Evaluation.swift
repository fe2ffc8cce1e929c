/// Retrieval evaluation in the BEIR / pytrec_eval way: readers for BEIR files given as lines, and metrics.
public enum Evaluation {
    /// A BEIR corpus document.
    public struct CorpusDocument: Sendable, Hashable, Codable {
        public var id: String
        public var title: String
        public var text: String

        public init(id: String, title: String, text: String) {
            self.id = id
            self.title = title
            self.text = text
        }

        enum CodingKeys: String, CodingKey {
            case id = "_id"
            case title, text
        }
    }

    /// A BEIR query.
    public struct Query: Sendable, Hashable, Codable {
        public var id: String
        public var text: String

        public init(id: String, text: String) {
            self.id = id
            self.text = text
        }

        enum CodingKeys: String, CodingKey {
            case id = "_id"
            case text
        }
    }

    /// Relevance judgements: query id → doc id → graded relevance (> 0 = relevant).
    public typealias Qrels = [String: [String: Int]]
    /// A run: query id → ranked doc ids (best first).
    public typealias Run = [String: [String]]

    /// Mean metrics over the judged queries.
    public struct Metrics: Sendable, Hashable, Codable {
        public var ndcgAt10: Double
        public var recallAt100: Double
        public var mrrAt10: Double
        /// Number of queries averaged (queries present in the qrels).
        public var queries: Int
    }
}

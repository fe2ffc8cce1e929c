import Foundation
import PaperboyCore

/// nDCG@k with binary relevance (ideal: all relevant papers first) and recall@k, for recommendation lists.
public enum RankingMetrics {
    public static func ndcg(_ ranking: [PaperID], relevant: Set<PaperID>, k: Int) -> Double {
        guard !relevant.isEmpty else { return 0 }
        var dcg = 0.0
        for (i, id) in ranking.prefix(k).enumerated() where relevant.contains(id) { dcg += 1 / log2(Double(i + 2)) }
        let ideal = (0..<min(k, relevant.count)).reduce(0.0) { $0 + 1 / log2(Double($1 + 2)) }
        return dcg / ideal
    }

    public static func recall(_ ranking: [PaperID], relevant: Set<PaperID>, k: Int) -> Double {
        guard !relevant.isEmpty else { return 0 }
        return Double(ranking.prefix(k).filter(relevant.contains).count) / Double(relevant.count)
    }
}

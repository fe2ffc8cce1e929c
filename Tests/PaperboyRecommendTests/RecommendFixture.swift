import Foundation
import PaperboyCore
import PaperboyRecommend
import PaperboyStore
import PaperboyVectors

/// A small site for recommendation tests: `perCategory` papers in each of four categories, each paper by its own
/// two authors (so authors say nothing unless a test adds shared ones), featured on 2026-03-02…, with vectors that
/// cluster by category (8 dimensions: the category's axis plus a little per-paper noise).
struct RecommendFixture {
    static let categories = ["cs.CL", "cs.CV", "cs.RO", "math.AG"]
    static let firstDay = try! Day(parsing: "2026-03-02")
    static let at = Date(timeIntervalSince1970: 1_772_000_000)

    let stores: Stores
    var vectors: VectorIndex
    let papers: [Paper]

    static func make(perCategory: Int = 10, extra: [Paper] = []) async throws -> RecommendFixture {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pb-rec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let stores = try Stores.sqlite(path: dir.appendingPathComponent("t.sqlite").path)
        var papers: [Paper] = []
        var entries: [DailyEntry] = []
        var vectors = VectorIndex(configuration: .init(dimension: 8))
        var rng = SeededGenerator(seed: 7)
        for (c, category) in categories.enumerated() {
            for i in 0..<perCategory {
                let id = PaperID(unchecked: String(format: "2603.%05d", c * 100 + i))
                let paper = Paper(id: id, title: "\(category) paper \(i)", abstract: "About \(category) \(i).",
                                  authors: [Author(name: "Author \(c)-\(i)a"), Author(name: "Author \(c)-\(i)b")],
                                  categories: [category], publishedAt: Date(timeIntervalSince1970: firstDay.secondsSinceEpoch),
                                  importedUpvotes: (c * perCategory + i) % 7, source: "hf-daily")
                papers.append(paper)
                entries.append(DailyEntry(day: firstDay.advanced(by: i % 5), paperID: id, position: c * 100 + i))
                var v = [Float](repeating: 0, count: 8)
                v[c] = 1
                for d in 0..<8 { v[d] += Float(rng.next() % 1000) / 5000 }
                try vectors.add(id: id.rawValue, vector: v)
            }
        }
        papers += extra
        _ = try await stores.papers.apply(ImportBatch(papers: papers, entries: entries))
        return RecommendFixture(stores: stores, vectors: vectors, papers: papers)
    }

    func recommender(_ parameters: RecommenderParameters = .default) -> Recommender {
        let vectors = self.vectors
        return Recommender(papers: stores.papers, community: stores.community, delivery: stores.delivery,
                           vectors: { vectors }, parameters: parameters)
    }

    func user(_ name: String) async throws -> User {
        try await stores.accounts.createUser(username: name, email: "\(name)@example.org", passwordHash: "h", at: Self.at)
    }

    func upvote(_ user: User, _ ids: [PaperID]) async throws {
        for id in ids { _ = try await stores.community.setUpvote(userID: user.id, paperID: id, to: true, at: Self.at) }
    }

    func ids(in category: String) -> [PaperID] {
        papers.filter { $0.categories == [category] }.map(\.id)
    }

    func category(of id: PaperID) -> String? { papers.first { $0.id == id }?.categories.first }

    static var window: RecommendationWindow { try! RecommendationWindow(since: firstDay, until: firstDay.advanced(by: 7)) }
}

import Foundation
import Testing
import PaperboySearch

/// The 44k-paper arXiv index, saved and loaded again, answers its first query in under a second.
/// Builds the index first: all 44k papers in optimised builds (or with PAPERBOY_SLOW_TESTS=1), the first 8,000 in
/// debug builds, where indexing 44k unoptimised takes minutes; the round trip is checked either way.
@Suite struct ReloadTests {
    struct ArxivRecord: Decodable {
        var id: String
        var title: String
        var authors: [String]?
        var categories: [String]?
        var abstract: String?
        var first_listed: String?
    }

    @Test func arxivIndexReloadsFast() throws {
        guard let url = TestData.file("arxiv/arxiv_listings_2025-10_2026-06.jsonl.gz") else {
            TestData.missing("arxiv/arxiv_listings_2025-10_2026-06.jsonl.gz")
            return
        }
        let decoder = JSONDecoder()
        let documents = try TestData.lines(url).prefix(TestData.isOptimized ? Int.max : 8_000).map { line -> SearchDocument in
            let r = try decoder.decode(ArxivRecord.self, from: Data(line.utf8))
            return SearchDocument(
                id: r.id, title: r.title, abstract: r.abstract ?? "", authors: r.authors ?? [],
                categories: r.categories ?? [], day: SearchDocument.day(fromISO: r.first_listed ?? ""))
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pb-reload-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let built = SearchIndex.build(documents)
        try built.save(to: dir)
        let start = Date()
        let loaded = try SearchIndex.load(from: dir)
        let results = try loaded.search("sparse attention", limit: 10, facets: true)
        let elapsed = Date().timeIntervalSince(start)
        print("arXiv reload: \(documents.count) docs, load + first query \(elapsed * 1000) ms, total \(results.total)")
        #expect(elapsed < (TestData.isOptimized ? 1.0 : 5.0))
        #expect(results.hits == (try built.search("sparse attention", limit: 10)).hits)
        #expect(loaded.snapshot.documentCount == documents.count)
    }
}

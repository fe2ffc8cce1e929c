import Foundation
import Testing
import PaperboySearch

/// The usage example from the module's hand-over notes, kept compiling and passing.
@Suite struct UsageExampleTests {
    @Test func endToEnd() throws {
        // Build from documents (one segment), then add / update / delete and commit.
        let index = SearchIndex.build([
            SearchDocument(
                id: "2405.15738", title: "Sparse Mixture-of-Experts at Scale",
                abstract: "We train sparse MoE models with 2:4 sparsity.", authors: ["Tri Dao"],
                categories: ["cs.LG", "cs.CL"], day: SearchDocument.day(fromISO: "2024-05-24"), upvotes: 12)
        ])
        index.add(SearchDocument(id: "2406.00001", title: "Dense Models", abstract: "No experts here.", day: 20240601))
        index.add(SearchDocument(id: "2405.15738", title: "Sparse Mixture-of-Experts at Scale (v2)",
                                 abstract: "Updated abstract about sparse experts.", authors: ["Tri Dao"],
                                 categories: ["cs.LG"], day: 20240524, upvotes: 30))  // update = same id
        index.delete(id: "2406.00001")
        index.commit()  // publishes a new snapshot

        // Save and load (atomic manifest; segments are memory-mapped on load).
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pb-usage-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try index.save(to: dir)
        let loaded = try SearchIndex.load(from: dir)

        // Parse a query and search with facets.
        let query = try QueryParser().parse(#"sparse "mixture of experts" author:dao year:2024 -dense sort:relevance"#)
        let results = loaded.search(SearchRequest(query: query, limit: 20, offset: 0, facets: true))
        #expect(results.total == 1)
        #expect(results.hits.map(\.id) == ["2405.15738"])
        #expect(results.facets?.categories == [FacetCount(value: "cs.LG", count: 1)])
        #expect(results.facets?.years == [FacetCount(value: "2024", count: 1)])

        // Snippet with match ranges for <mark>.
        let snippet = Highlighter().snippet(query: query, text: "Updated abstract about sparse experts.")
        let html = snippet.segments.map { $0.isMatch ? "<mark>\($0.text)</mark>" : $0.text }.joined()
        #expect(html == "Updated abstract about <mark>sparse</mark> <mark>experts</mark>.")

        // Malformed input gives a typed error with a message.
        do {
            _ = try QueryParser().parse("year:abc")
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .invalidQuery)
        }
    }
}

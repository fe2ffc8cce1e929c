import Foundation
import Testing
import PaperboySearch

@Suite struct ConcurrencyTests {
    /// Readers search snapshots from many tasks while a writer adds, deletes and commits.
    @Test func searchesWhileWriting() async throws {
        let index = SearchIndex.build(Fixtures.documents, configuration: .init(maxSegments: 2))
        try await withThrowingTaskGroup(of: Int.self) { group in
            group.addTask {
                for i in 0..<40 {
                    index.add(SearchDocument(id: "w\(i)", title: "sparse writer \(i)", abstract: "sparse"))
                    if i % 3 == 0 { index.delete(id: "w\(i - 1)") }
                    index.commit()
                }
                return 0
            }
            for _ in 0..<4 {
                group.addTask {
                    var seen = 0
                    for _ in 0..<100 {
                        let snapshot = index.snapshot
                        let results = try snapshot.search("sparse", limit: 5, facets: true)
                        #expect(results.hits.count <= 5)
                        #expect(results.total >= 3)
                        seen += results.hits.count
                    }
                    return seen
                }
            }
            for try await _ in group {}
        }
        #expect(try index.search("writer", limit: 100).total == 27)
    }
}

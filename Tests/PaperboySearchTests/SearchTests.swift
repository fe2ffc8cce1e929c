import Foundation
import Testing
import PaperboySearch

@Suite struct SearchTests {
    let index = SearchIndex.build(Fixtures.documents)

    func ids(_ query: String, limit: Int = 10) throws -> [String] {
        try index.search(query, limit: limit).hits.map(\.id)
    }

    /// Which documents match; how they rank is RankingTests' (each BM25F effect isolated).
    @Test func sparseMatchesTheThreeDocumentsThatSayIt() throws {
        #expect(Set(try ids("sparse")) == ["2401.00001", "2402.00002", "2506.00005"])
    }

    @Test func phrasesMustMatchInOrder() throws {
        #expect(try ids("\"sparse attention\"") == ["2401.00001"])
        #expect(try ids("\"attention sparse\"").isEmpty)
        #expect(try ids("\"mixture of experts\"") == ["2402.00002"])
        #expect(try ids("\"mixture-of-experts\"") == ["2402.00002"])
        #expect(try ids("mixtureofexperts") == ["2402.00002"])
    }

    @Test func fieldQueries() throws {
        #expect(Set(try ids("author:dao")) == ["2401.00001", "2506.00005"])
        #expect(try ids("author:\"Tri Dao\" sparse").first == "2401.00001")
        #expect(try ids("author:\"Dao Tri\"").isEmpty)
        #expect(Set(try ids("attention cat:cs.LG")) == ["2401.00001", "2506.00005"])
        #expect(try ids("year:2025 attention") == ["2506.00005"])
        #expect(try ids("date:2024-02..2024-03").first == "2402.00002")
        #expect(try ids("date:2025-04-01..2025-04-01") == ["2504.00004"])
        #expect(Set(try ids("date:..2024-12")) == ["2401.00001", "2402.00002"])
        #expect(try ids("sparse -experts") == ["2401.00001", "2506.00005"])
        #expect(try ids("sparse -\"mixture of experts\"") == ["2401.00001", "2506.00005"])
        #expect(try ids("2:4") == ["2401.00001"])
    }

    @Test func sortOrders() throws {
        #expect(try ids("attention sort:date") == ["2506.00005", "2401.00001"])
        #expect(try ids("sort:upvotes cat:cs.CL") == ["2402.00002", "2401.00001"])
        #expect(try ids("cat:cs.CL") == ["2402.00002", "2401.00001"])  // filter-only: newest first
    }

    @Test func facetsCountAllMatches() throws {
        let results = try index.search("attention OR sparse OR segmentation", limit: 1, facets: true)
        #expect(results.total == 4)
        #expect(results.hits.count == 1)
        let facets = try #require(results.facets)
        #expect(facets.categories.first == FacetCount(value: "cs.LG", count: 1) || facets.categories.contains(FacetCount(value: "cs.CL", count: 2)))
        #expect(facets.categories.reduce(0) { $0 + $1.count } == 4)
        #expect(facets.years == [FacetCount(value: "2025", count: 2), FacetCount(value: "2024", count: 2)])
    }

    @Test func pagination() throws {
        let all = try ids("sparse attention")
        let page2 = try index.search("sparse attention", limit: 2, offset: 2).hits.map(\.id)
        #expect(Array(all.dropFirst(2).prefix(2)) == page2)
    }

    @Test func updatesAndDeletesAreReflected() throws {
        let index = SearchIndex.build(Fixtures.documents)
        #expect(index.delete(id: "2401.00001"))
        #expect(!index.delete(id: "nope"))
        index.add(SearchDocument(id: "2402.00002", title: "Retitled", abstract: "Nothing about that any more."))
        index.add(SearchDocument(id: "new.1", title: "Sparse sparse sparse", abstract: "Sparse."))
        // not visible before commit
        #expect(try index.search("sparse").hits.map(\.id).contains("2401.00001"))
        index.commit()
        let hits = try index.search("sparse").hits.map(\.id)
        #expect(hits == ["new.1", "2506.00005"])
        #expect(try index.search("retitled").hits.map(\.id) == ["2402.00002"])
        #expect(index.snapshot.documentCount == 5)
        // update the buffered doc twice before commit: only the last version survives
        index.add(SearchDocument(id: "new.1", title: "First", abstract: ""))
        index.add(SearchDocument(id: "new.1", title: "Second", abstract: ""))
        index.commit()
        #expect(try index.search("first").hits.isEmpty)
        #expect(try index.search("second").hits.map(\.id) == ["new.1"])
        index.forceMerge()
        #expect(index.snapshot.segmentCount == 1)
        #expect(index.snapshot.documentCount == 5)
        #expect(try index.search("second").hits.map(\.id) == ["new.1"])
        #expect(try index.search("author:dao").hits.map(\.id) == ["2506.00005"])
    }

    @Test func manySmallCommitsMerge() throws {
        let index = SearchIndex(configuration: .init(maxSegments: 3))
        for (i, d) in Fixtures.documents.enumerated() {
            index.add(d)
            index.add(SearchDocument(id: "filler\(i)", title: "filler text \(i)", abstract: "nothing"))
            index.commit()
        }
        #expect(index.snapshot.segmentCount <= 3)
        #expect(index.snapshot.documentCount == 10)
        #expect(Set(try index.search("author:dao").hits.map(\.id)) == ["2401.00001", "2506.00005"])
    }

    @Test func persistenceRoundTrip() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pb-search-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let index = SearchIndex.build(Fixtures.documents)
        index.delete(id: "2504.00004")
        try index.save(to: dir)
        let loaded = try SearchIndex.load(from: dir)
        #expect(loaded.snapshot.documentCount == 4)
        for q in ["sparse", "author:\"Tri Dao\"", "\"mixture of experts\"", "segmentation", "cat:cs.CL sort:upvotes"] {
            #expect(try loaded.search(q).hits == index.search(q).hits, "\(q)")
        }
        loaded.add(SearchDocument(id: "x", title: "segmentation again", abstract: ""))
        try loaded.save(to: dir)
        let again = try SearchIndex.load(from: dir)
        #expect(try again.search("segmentation").hits.map(\.id) == ["x"])
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(files.contains("manifest.json"))
        #expect(!files.contains { $0.contains(".tmp-") })
    }

    @Test func loadingGarbageThrowsTypedErrors() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pb-bad-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(throws: SearchError.self) { try SearchIndex.load(from: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: dir.appendingPathComponent("manifest.json"))
        #expect(throws: SearchError.self) { try SearchIndex.load(from: dir) }
        let index = SearchIndex.build(Fixtures.documents)
        try index.save(to: dir)
        let seg = try #require(try FileManager.default.contentsOfDirectory(atPath: dir.path).first { $0.hasSuffix(".seg") })
        try Data(repeating: 7, count: 100).write(to: dir.appendingPathComponent(seg))
        do {
            _ = try SearchIndex.load(from: dir)
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .corruptIndex)
        }
    }

    @Test func prunedTopKMatchesExhaustive() throws {
        var docs: [SearchDocument] = []
        let words = ["sparse", "attention", "model", "vision", "graph", "token", "expert", "dense", "retrieval", "image"]
        var rng = SplitMix64(seed: 7)
        for i in 0..<3000 {
            let n = 5 + Int(rng.next() % 40)
            let text = (0..<n).map { _ in words[Int(rng.next() % UInt64(words.count))] }.joined(separator: " ")
            docs.append(
                SearchDocument(
                    id: "d\(i)", title: i % 7 == 0 ? words[i % 10] : "", abstract: text,
                    categories: [i % 3 == 0 ? "cs.CL" : "cs.CV"], day: 20250101 + i % 28))
        }
        let index = SearchIndex.build(docs)
        index.delete(id: "d5")
        index.add(SearchDocument(id: "late", title: "sparse graph", abstract: "sparse graph token"))
        index.commit()
        let queries = [
            "sparse", "sparse graph", "vision token expert", "attention model dense retrieval image",
            "sparse graph cat:cs.CL", "vision token -expert", "dense image date:2025-01-05..2025-01-20 -cat:cs.CV",
        ]
        for q in queries {
            let parsed = try QueryParser().parse(q)
            let exact = index.search(SearchRequest(query: parsed, limit: 20))
            let pruned = index.search(SearchRequest(query: parsed, limit: 20, exactTotal: false))
            #expect(exact.hits.map(\.id) == pruned.hits.map(\.id), "\(q)")
            #expect(!pruned.totalIsExact && exact.totalIsExact)
            #expect(pruned.total <= exact.total)
        }
    }
}

/// Deterministic PRNG for tests.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

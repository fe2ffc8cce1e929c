import Foundation
import PaperboyCatalog
import PaperboyCore
import PaperboyStore
import Testing

@Suite("Search catalog keeps the index in step with the store")
struct SearchCatalogTests {
    func paper(_ id: String, _ title: String, abstract: String = "", updated: Double = 1) -> Paper {
        Paper(id: PaperID(unchecked: id), title: title, abstract: abstract, authors: [Author(name: "Tri Dao")],
              categories: ["cs.LG"], publishedAt: Date(timeIntervalSince1970: 1_717_200_000), source: "arxiv-listing",
              sourceUpdatedAt: Date(timeIntervalSince1970: updated))
    }

    func ids(_ catalog: SearchCatalog, _ q: String) async throws -> [String] {
        try await catalog.search(CatalogQuery(text: q, limit: 50)).hits.map(\.detail.paper.id.rawValue)
    }

    func tempDir() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("paperboy-catalog-\(UUID().uuidString)")
    }

    @Test func importsUpdatesAndRemovalsAreReflectedWithoutRebuilds() async throws {
        let dir = tempDir()
        let store = try SQLitePaperStore(path: dir.path + ".sqlite")
        _ = try await store.apply(ImportBatch(papers: [
            paper("2406.00001", "Sparse attention kernels", abstract: "Block sparse attention on GPUs."),
            paper("2406.00002", "Dense retrieval", abstract: "Embeddings for search."),
        ]))
        let catalog = try await SearchCatalog.open(store: store, directory: dir)
        #expect(try await ids(catalog, "sparse") == ["2406.00001"])
        #expect(try await ids(catalog, "author:\"Tri Dao\"").count == 2)

        // An update (newer record) changes what matches.
        _ = try await store.apply(ImportBatch(papers: [paper("2406.00002", "Sparse retrieval", updated: 2)]))
        #expect(try await catalog.refresh() == 1)
        #expect(Set(try await ids(catalog, "sparse")) == ["2406.00001", "2406.00002"])

        // A removal disappears from search.
        #expect(try await store.remove([PaperID(unchecked: "2406.00001")]) == 1)
        #expect(try await catalog.refresh() == 1)
        #expect(try await ids(catalog, "sparse") == ["2406.00002"])
        #expect(try await catalog.refresh() == 0)

        // A restart loads the saved index and catches up with changes made while it was closed.
        _ = try await store.apply(ImportBatch(papers: [paper("2406.00003", "Sparse mixture of experts")]))
        let reopened = try await SearchCatalog.open(store: store, directory: dir)
        #expect(reopened.documentCount == 2)
        #expect(Set(try await ids(reopened, "sparse")) == ["2406.00002", "2406.00003"])
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("catalog.json").path))

        // Re-adding a removed paper brings it back.
        _ = try await store.apply(ImportBatch(papers: [paper("2406.00001", "Sparse attention kernels", updated: 3)]))
        #expect(try await reopened.refresh() == 1)
        #expect(Set(try await ids(reopened, "sparse")) == ["2406.00001", "2406.00002", "2406.00003"])
    }

    @Test func aCorruptIndexIsRebuiltFromTheStore() async throws {
        let dir = tempDir()
        let store = InMemoryPaperStore()
        _ = try await store.apply(ImportBatch(papers: [paper("2406.00001", "Sparse attention kernels")]))
        _ = try await SearchCatalog.open(store: store, directory: dir)
        let indexDir = dir.appendingPathComponent("index")
        for file in try FileManager.default.contentsOfDirectory(atPath: indexDir.path) {
            try Data("garbage".utf8).write(to: indexDir.appendingPathComponent(file))
        }
        let reopened = try await SearchCatalog.open(store: store, directory: dir)
        #expect(try await ids(reopened, "sparse") == ["2406.00001"])
    }

    @Test func badQueriesAreInvalidInput() async throws {
        let catalog = try await SearchCatalog.open(store: InMemoryPaperStore(), directory: nil)
        await #expect(throws: PaperboyError.self) { try await catalog.search(CatalogQuery(text: "year:abc")) }
        let empty = try await catalog.search(CatalogQuery(text: "\"unbalanced"))
        #expect(empty.hits.isEmpty)
    }
}

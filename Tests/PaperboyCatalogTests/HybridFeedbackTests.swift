import Foundation
import PaperboyCore
import PaperboySearch
import PaperboyStore
import Testing

@testable import PaperboyCatalog

@Suite("Hybrid search's lexical half expands the query from its own top papers (RM3)")
struct HybridFeedbackTests {
    func paper(_ id: String, _ title: String, _ abstract: String) -> Paper {
        Paper(id: PaperID(unchecked: id), title: title, abstract: abstract, authors: [Author(name: "Ada Lovelace")],
              categories: ["q-bio.TO"], publishedAt: Date(timeIntervalSince1970: 1_717_200_000), source: "arxiv-listing",
              sourceUpdatedAt: Date(timeIntervalSince1970: 1))
    }

    func makeCatalog() async throws -> SearchCatalog {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("paperboy-feedback-\(UUID().uuidString)")
        let store = try SQLitePaperStore(path: dir.path + ".sqlite")
        _ = try await store.apply(ImportBatch(papers: [
            paper("2406.00001", "Vitamin D and fractures", "Cholecalciferol supplementation in older adults."),
            paper("2406.00002", "Vitamin D deficiency", "Cholecalciferol levels and bone density."),
            paper("2406.00003", "Cholecalciferol dosing", "Weekly cholecalciferol regimens compared."),
            paper("2406.00004", "Sparse attention", "Block sparse kernels on GPUs."),
        ]))
        return try await SearchCatalog.open(store: store, directory: dir)
    }

    func query(_ text: String) throws -> ParsedQuery { try QueryParser().parse(text) }

    @Test func theExpandedPassFindsAPaperWithoutTheWordsAndKeepsTheFirstPassCounts() async throws {
        let catalog = try await makeCatalog()
        let snapshot = catalog.indexBox.index.snapshot
        let request = SearchRequest(query: try query("vitamin"), limit: 100, facets: true, exactTotal: true)
        let plain = snapshot.search(request)
        let results = try await catalog.lexicalWithFeedback(
            request, snapshot: snapshot, feedback: RelevanceFeedback(documents: 2, terms: 3, originalWeight: 0.7))
        let ids = results.hits.map(\.id)
        #expect(Set(ids.prefix(2)) == ["2406.00001", "2406.00002"])
        #expect(ids.contains("2406.00003"))            // found through "cholecalciferol" from the top two papers
        #expect(!ids.contains("2406.00004"))
        // Totals and facets describe the papers matching the words typed, not the expansion's.
        #expect(results.total == plain.total && results.total == 2)
        #expect(results.facets == plain.facets)
    }

    @Test func sortedOrWordlessQueriesAreNotExpanded() async throws {
        let catalog = try await makeCatalog()
        let snapshot = catalog.indexBox.index.snapshot
        for text in ["vitamin sort:date", "\"vitamin d\"", "nothingmatchesthis"] {
            let request = SearchRequest(query: try query(text), limit: 100)
            let results = try await catalog.lexicalWithFeedback(
                request, snapshot: snapshot, feedback: RelevanceFeedback(documents: 2, terms: 3, originalWeight: 0.7))
            #expect(results.hits == snapshot.search(request).hits, "\(text)")
        }
    }

    @Test func theProductUsesTheStandardSetting() {
        #expect(HybridFusion.feedback == .standard)
    }
}

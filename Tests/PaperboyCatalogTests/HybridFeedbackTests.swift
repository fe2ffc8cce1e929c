import Foundation
import PaperboyCore
import PaperboySearch
import PaperboyStore
import Testing

@testable import PaperboyCatalog
import TestSupport

@Suite("Hybrid search's lexical half expands the query from its own top papers (RM3)")
struct HybridFeedbackTests {
    func paper(_ id: String, _ title: String, _ abstract: String) -> Paper {
        Paper(id: PaperID(unchecked: id), title: title, abstract: abstract, authors: [Author(name: "Ada Lovelace")],
              categories: ["q-bio.TO"], publishedAt: Date(timeIntervalSince1970: 1_717_200_000), source: "arxiv-listing",
              sourceUpdatedAt: Date(timeIntervalSince1970: 1))
    }

    func makeCatalog(embedder: HashingEmbedder? = nil) async throws -> SearchCatalog {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("paperboy-feedback-\(UUID().uuidString)")
        let store = try Stores.sqlite(path: dir.path + ".sqlite")
        _ = try await store.papers.apply(ImportBatch(papers: [
            paper("2406.00001", "Vitamin D and fractures", "Cholecalciferol supplementation in older adults."),
            paper("2406.00002", "Vitamin D deficiency", "Cholecalciferol levels and bone density."),
            paper("2406.00003", "Cholecalciferol dosing", "Weekly cholecalciferol regimens compared."),
            paper("2406.00004", "Sparse attention", "Block sparse kernels on GPUs."),
            paper("2406.00005", "Hospital diets", "A long survey of hospital diets, meal plans, snacks, fasting, "
                  + "cholecalciferol and other nutrients served on wards."),
        ]))
        if let embedder { try await EmbeddingJob(store: store.embeddings, embedder: embedder).runPass() }
        return try await SearchCatalog.open(store: store.papers, embeddings: store.embeddings, directory: dir, embedder: embedder)
    }

    func query(_ text: String) throws -> ParsedQuery { try QueryParser().parse(text) }

    @Test func theExpandedPassFindsAPaperWithoutTheWordsAndKeepsTheFirstPassCounts() async throws {
        let catalog = try await makeCatalog()
        let snapshot = catalog.indexes.lexical.snapshot
        let request = SearchRequest(query: try query("vitamin"), limit: 100, facets: true, exactTotal: true)
        let plain = snapshot.search(request)
        let results = await catalog.lexicalWithFeedback(
            request, snapshot: snapshot, feedback: RelevanceFeedback(documents: 2, terms: 3, originalWeight: 0.7))
        let ids = results.hits.map(\.id)
        #expect(Set(ids.prefix(2)) == ["2406.00001", "2406.00002"])
        #expect(ids.contains("2406.00003"))            // found through "cholecalciferol" from the top two papers
        #expect(!ids.contains("2406.00004"))
        // Totals and facets describe the papers matching the words typed, not the expansion's.
        #expect(results.total == plain.total && results.total == 2)
        #expect(results.facets == plain.facets)
    }

    @Test func feedbackComesFromTheBestPapersWhateverPageIsAsked() async throws {
        let catalog = try await makeCatalog()
        let snapshot = catalog.indexes.lexical.snapshot
        let feedback = RelevanceFeedback(documents: 2, terms: 3, originalWeight: 0.7)
        let page1 = await catalog.lexicalWithFeedback(SearchRequest(query: try query("vitamin"), limit: 10),
                                                          snapshot: snapshot, feedback: feedback)
        let page2 = await catalog.lexicalWithFeedback(SearchRequest(query: try query("vitamin"), limit: 10, offset: 1),
                                                          snapshot: snapshot, feedback: feedback)
        #expect(page1.hits.count >= 3)
        #expect(page2.hits == Array(page1.hits.dropFirst()))
    }

    @Test func sortedQueriesAreNotExpanded() async throws {
        let catalog = try await makeCatalog()
        let snapshot = catalog.indexes.lexical.snapshot
        let request = SearchRequest(query: try query("vitamin sort:date"), limit: 100)
        let results = await catalog.lexicalWithFeedback(
            request, snapshot: snapshot, feedback: RelevanceFeedback(documents: 2, terms: 3, originalWeight: 0.7))
        #expect(results.hits.map(\.id).sorted() == ["2406.00001", "2406.00002"])   // no cholecalciferol-only paper
    }

    @Test func hybridSearchUsesTheQuerysFeedbackSetting() async throws {
        // The hashing embedder sees no likeness between "vitamin" and the dosing paper: only feedback's
        // "cholecalciferol" can lift it above the unrelated papers.
        let catalog = try await makeCatalog(embedder: HashingEmbedder(dimension: 64))
        let strong = RelevanceFeedback(documents: 2, terms: 3, originalWeight: 0.5)
        let off = RelevanceFeedback(documents: 0, terms: 0, originalWeight: 1)
        let with = try await catalog.search(CatalogQuery(text: "vitamin", mode: .hybrid, feedback: strong))
        let without = try await catalog.search(CatalogQuery(text: "vitamin", mode: .hybrid, feedback: off))
        func score(_ results: CatalogResults, _ id: String) -> Float? {
            results.hits.first { $0.detail.paper.id.rawValue == id }?.score
        }
        #expect(with.hits.map(\.detail.paper.id.rawValue).prefix(3).last == "2406.00003")
        #expect(try #require(score(with, "2406.00003")) > #require(score(with, "2406.00004")))
        #expect(score(without, "2406.00003") == score(without, "2406.00004"))
        // Exclusions hold after expansion; the count is of papers with the typed word.
        let excluding = try await catalog.search(CatalogQuery(text: "vitamin -weekly", mode: .hybrid, feedback: strong))
        #expect(!excluding.hits.contains { $0.detail.paper.id.rawValue == "2406.00003" })
        #expect(with.total >= 2)
    }
}

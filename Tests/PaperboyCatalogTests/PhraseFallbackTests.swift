import Foundation
import PaperboyCatalog
import PaperboyCore
import PaperboyStore
import Testing
import TestSupport

/// A quoted phrase with no hits falls back to its words, with a warning; one with hits stays a phrase.
@Suite("Phrase fallback in the catalog's search")
struct PhraseFallbackTests {
    func paper(_ id: String, _ title: String, _ abstract: String) -> Paper {
        Paper(id: PaperID(unchecked: id), title: title, abstract: abstract, authors: [Author(name: "Tri Dao")],
              categories: ["cs.LG"], publishedAt: Date(timeIntervalSince1970: 1_717_200_000), source: "arxiv-listing",
              sourceUpdatedAt: Date(timeIntervalSince1970: 1))
    }

    var papers: [Paper] {
        [paper("2406.00001", "Sparse attention kernels", "Block sparse attention on GPUs."),
         paper("2406.00002", "Mixture of experts routing", "Routers pick experts per token."),
         paper("2406.00003", "Cell cycle control", "E2F-1, -2 and -3 regulate the cell cycle.")]
    }

    func lexicalCatalog() async throws -> SearchCatalog {
        let store = InMemoryPaperStore()
        _ = try await store.apply(ImportBatch(papers: papers))
        return try await SearchCatalog.open(store: store, directory: nil)
    }

    func ids(_ results: CatalogResults) -> [String] { results.hits.map(\.detail.paper.id.rawValue) }

    @Test func aPhraseWithoutHitsFallsBackToItsWordsWithANote() async throws {
        let catalog = try await lexicalCatalog()
        let results = try await catalog.search(CatalogQuery(text: #""kernels gpus attention""#))
        #expect(ids(results) == ["2406.00001"])
        #expect(results.total == 1)
        #expect(results.warnings == [#"No results for the phrase "kernels gpus attention"; showing results for its words."#])
        #expect(results.query.required.isEmpty)
        #expect(results.query.text == ["kernels", "gpus", "attention"])
        #expect(results.hits.first?.snippet.highlights.isEmpty == false)
    }

    @Test func aPhraseWithHitsStaysAPhrase() async throws {
        let catalog = try await lexicalCatalog()
        let results = try await catalog.search(CatalogQuery(text: #""cell cycle" experts"#))
        #expect(ids(results) == ["2406.00003"])   // "experts" alone does not bring in the mixture paper
        #expect(results.warnings.isEmpty)
        #expect(results.query.required.count == 1)
    }

    @Test func onlyThePhraseWithoutHitsIsRelaxed() async throws {
        let catalog = try await lexicalCatalog()
        let results = try await catalog.search(CatalogQuery(text: #""cell cycle" "experts cell""#))
        #expect(ids(results) == ["2406.00003"])   // "cell cycle" is still required
        #expect(results.warnings == [#"No results for the phrase "experts cell"; showing results for its words."#])
        // Each phrase is found, never together: both give way.
        let both = try await catalog.search(CatalogQuery(text: #""cell cycle" "sparse attention""#))
        #expect(Set(ids(both)) == ["2406.00001", "2406.00003"])
        #expect(both.warnings == [#"No results for the phrases "cell cycle", "sparse attention"; showing results for their words."#])
    }

    @Test func noFallbackWhenTheWordsFindNothingEither() async throws {
        let catalog = try await lexicalCatalog()
        let results = try await catalog.search(CatalogQuery(text: #""zzzq qqqz""#))
        #expect(results.hits.isEmpty && results.total == 0)
        #expect(results.warnings.isEmpty)
        // Filters that match nothing are not a phrase's fault: no fallback past them.
        let filtered = try await catalog.search(CatalogQuery(text: #""cell cycle" cat:math.AG"#))
        #expect(filtered.hits.isEmpty && filtered.warnings.isEmpty)
        // Standing queries (digest sections, feeds) turn the fallback off.
        let standing = try await catalog.search(CatalogQuery(text: #""kernels gpus attention""#, phraseFallback: false))
        #expect(standing.hits.isEmpty && standing.warnings.isEmpty)
    }

    @Test func pastedClaimTextSearchesItsWords() async throws {
        let catalog = try await lexicalCatalog()
        let results = try await catalog.search(CatalogQuery(text: "E2f-1, -2, -3 regulate cell cycle"))
        #expect(results.query.excluded.isEmpty)
        // Read as exclusions, "-2," and "-3" would remove the one relevant paper (its abstract has "-2" and "-3").
        #expect(ids(results).first == "2406.00003")
        let empty = try await catalog.search(CatalogQuery(text: "author: sparse"))
        #expect(ids(empty) == ["2406.00001"])
        #expect(empty.warnings == [#""author:" has no value and was ignored."#])   // once, not once per layer
    }

    @Test func semanticAndHybridFallBackToo() async throws {
        let embedder = HashingEmbedder(dimension: 64)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("paperboy-fallback-\(UUID().uuidString)")
        let stores = try Stores.sqlite(path: dir.path + ".sqlite")
        _ = try await stores.papers.apply(ImportBatch(papers: papers))
        try await EmbeddingJob(store: stores.embeddings, embedder: embedder).runPass()
        let catalog = try await SearchCatalog.open(store: stores.papers, embeddings: stores.embeddings, directory: dir,
                                                   embedder: embedder)
        for mode in [SearchMode.hybrid, .semantic] {
            let results = try await catalog.search(CatalogQuery(text: #""routing experts mixture""#, mode: mode))
            #expect(results.mode == mode, "\(mode)")
            #expect(ids(results).first == "2406.00002", "\(mode)")
            #expect(results.warnings.count == 1 && results.warnings.first?.hasPrefix("No results for the phrase") == true, "\(mode)")
            let kept = try await catalog.search(CatalogQuery(text: #""mixture of experts""#, mode: mode))
            #expect(ids(kept) == ["2406.00002"] && kept.warnings.isEmpty, "\(mode)")
        }
    }
}

import Foundation
import PaperboyCatalog
import PaperboyCore
import PaperboyStore
import Testing
import TestSupport

@Suite("Semantic and hybrid search over stored vectors")
struct SemanticCatalogTests {
    /// "moe" means "mixture" to this embedder: a query no lexical engine can answer.
    let embedder = HashingEmbedder(dimension: 64, synonyms: ["moe": "mixture", "gating": "experts"])

    func paper(_ id: String, _ title: String, _ abstract: String, _ category: String, updated: Double = 1) -> Paper {
        Paper(id: PaperID(unchecked: id), title: title, abstract: abstract, authors: [Author(name: "Tri Dao")],
              categories: [category], publishedAt: Date(timeIntervalSince1970: 1_717_200_000), source: "arxiv-listing",
              sourceUpdatedAt: Date(timeIntervalSince1970: updated))
    }

    func makeStore() async throws -> (Stores, URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("paperboy-semantic-\(UUID().uuidString)")
        let store = try Stores.sqlite(path: dir.path + ".sqlite")
        _ = try await store.papers.apply(ImportBatch(papers: [
            paper("2406.00001", "Sparse attention kernels", "Block sparse attention on GPUs.", "cs.LG"),
            paper("2406.00002", "Mixture of experts routing", "Routers pick experts per token.", "cs.CL"),
            paper("2406.00003", "Protein folding", "Structure prediction with transformers.", "q-bio.BM"),
            paper("2406.00004", "Mixture models for tabular data", "Classic mixture models.", "cs.LG"),
        ]))
        return (store, dir)
    }

    func ids(_ results: CatalogResults) -> [String] { results.hits.map(\.detail.paper.id.rawValue) }

    @Test func theJobEmbedsEachPaperOnceAndOnlyChangedTextAgain() async throws {
        let (store, _) = try await makeStore()
        let job = EmbeddingJob(store: store.embeddings, embedder: embedder, batchSize: 3)
        #expect(try await job.runPass() == 4)
        #expect(try await job.runPass() == 0)
        #expect(try await store.embeddings.embeddingProgress(model: embedder.modelName) == EmbeddingProgress(embedded: 4, total: 4))
        let stored = try #require(try await store.embeddings.embedding(of: PaperID(unchecked: "2406.00003"), model: embedder.modelName))
        #expect(stored == embedder.vector(EmbeddingText.document(title: "Protein folding",
                                                                  abstract: "Structure prediction with transformers.")))

        // A newer record with another title is embedded again; one with the same text is only marked checked.
        _ = try await store.papers.apply(ImportBatch(papers: [
            paper("2406.00003", "Protein structure folding", "Structure prediction with transformers.", "q-bio.BM", updated: 2),
        ]))
        #expect(try await job.runPass() == 1)
        var unchanged = paper("2406.00001", "Sparse attention kernels", "Block sparse attention on GPUs.", "cs.LG", updated: 3)
        unchanged.comment = "v2: typo fixed"
        _ = try await store.papers.apply(ImportBatch(papers: [unchanged]))
        #expect(try await store.embeddings.embeddingCandidates(model: embedder.modelName, after: nil, limit: 10).count == 1)
        #expect(try await job.runPass() == 0)
        #expect(try await store.embeddings.embeddingCandidates(model: embedder.modelName, after: nil, limit: 10).isEmpty)
    }

    @Test func aKilledJobResumesWhereItStopped() async throws {
        let (store, _) = try await makeStore()
        let failing = FailingEmbedder(inner: embedder, failAfterCalls: 2)
        await #expect(throws: FailingEmbedder.Failure.self) {
            try await EmbeddingJob(store: store.embeddings, embedder: failing, batchSize: 1).runPass()
        }
        #expect(try await store.embeddings.embeddingProgress(model: embedder.modelName).embedded == 2)
        let resumed = CountingEmbedder(inner: embedder)
        #expect(try await EmbeddingJob(store: store.embeddings, embedder: resumed, batchSize: 1).runPass() == 2)
        #expect(resumed.texts == 2)
        #expect(try await store.embeddings.embeddingProgress(model: embedder.modelName).embedded == 4)
    }

    @Test func semanticAndHybridFindWhatWordsMiss() async throws {
        let (store, dir) = try await makeStore()
        try await EmbeddingJob(store: store.embeddings, embedder: embedder).runPass()
        let catalog = try await SearchCatalog.open(store: store.papers, embeddings: store.embeddings, directory: dir, embedder: embedder)
        #expect(catalog.semantic?.count == 4)
        #expect(catalog.defaultMode == .hybrid)

        let lexical = try await catalog.search(CatalogQuery(text: "moe gating", mode: .lexical))
        #expect(lexical.hits.isEmpty)
        let semantic = try await catalog.search(CatalogQuery(text: "moe gating", mode: .semantic))
        #expect(semantic.mode == .semantic)
        #expect(ids(semantic).first == "2406.00002")
        let hybrid = try await catalog.search(CatalogQuery(text: "moe gating"))
        #expect(hybrid.mode == .hybrid)
        #expect(ids(hybrid).first == "2406.00002")
        // Words and meaning agree: both retrievers put the sparse-attention paper first.
        #expect(ids(try await catalog.search(CatalogQuery(text: "sparse attention", mode: .hybrid))).first == "2406.00001")
    }

    @Test func denseResultsRespectFiltersPhrasesAndExclusions() async throws {
        let (store, dir) = try await makeStore()
        try await EmbeddingJob(store: store.embeddings, embedder: embedder).runPass()
        let catalog = try await SearchCatalog.open(store: store.papers, embeddings: store.embeddings, directory: dir, embedder: embedder)
        for mode in [SearchMode.semantic, .hybrid] {
            let filtered = try await catalog.search(CatalogQuery(text: "moe cat:cs.LG", mode: mode))
            #expect(ids(filtered).allSatisfy { ["2406.00001", "2406.00004"].contains($0) }, "\(mode)")
            #expect(ids(filtered).first == "2406.00004", "\(mode)")
            let excluded = try await catalog.search(CatalogQuery(text: "mixture -routing", mode: mode))
            #expect(!ids(excluded).contains("2406.00002"), "\(mode)")
            let phrase = try await catalog.search(CatalogQuery(text: "\"mixture models\"", mode: mode))
            #expect(ids(phrase) == ["2406.00004"], "\(mode)")
        }
        // Sorting by date or a query of filters only is answered lexically, with a note when a mode was asked for.
        let sorted = try await catalog.search(CatalogQuery(text: "mixture sort:date", mode: .semantic))
        #expect(sorted.mode == .lexical && !sorted.warnings.isEmpty)
    }

    @Test func similarPapersFollowVectorsAndRemovals() async throws {
        let (store, dir) = try await makeStore()
        try await EmbeddingJob(store: store.embeddings, embedder: embedder).runPass()
        let catalog = try await SearchCatalog.open(store: store.papers, embeddings: store.embeddings, directory: dir, embedder: embedder)
        let similar = try await catalog.similar(to: PaperID(unchecked: "2406.00002"), limit: 3)
        #expect(similar.count == 3)
        #expect(!similar.map(\.detail.paper.id.rawValue).contains("2406.00002"))
        #expect(similar.first?.detail.paper.id.rawValue == "2406.00004")   // shares "mixture"

        #expect(try await store.papers.remove([PaperID(unchecked: "2406.00004")]) == 1)
        try await catalog.refresh()
        #expect(catalog.semantic?.count == 3)
        let after = try await catalog.similar(to: PaperID(unchecked: "2406.00002"), limit: 3)
        #expect(!after.map(\.detail.paper.id.rawValue).contains("2406.00004"))
    }

    @Test func newVectorsAfterARemovalAreNotMissed() async throws {
        // The newest vector's paper is removed, then another paper is embedded: its sequence number must still be
        // new to a catalog that had read up to the removed one.
        let (store, dir) = try await makeStore()
        try await EmbeddingJob(store: store.embeddings, embedder: embedder).runPass()
        let catalog = try await SearchCatalog.open(store: store.papers, embeddings: store.embeddings, directory: dir, embedder: embedder)
        #expect(try await store.papers.remove([PaperID(unchecked: "2406.00004")]) == 1)
        _ = try await store.papers.apply(ImportBatch(papers: [paper("2406.00005", "Moe routers", "Experts.", "cs.LG")]))
        try await EmbeddingJob(store: store.embeddings, embedder: embedder).runPass()
        try await catalog.refresh()
        #expect(catalog.semantic?.count == 4)
        #expect(ids(try await catalog.search(CatalogQuery(text: "mixture routers", mode: .semantic))).contains("2406.00005"))
    }

    @Test func withoutAModelSemanticSearchSaysHowToFixIt() async throws {
        let (store, dir) = try await makeStore()
        let catalog = try await SearchCatalog.open(store: store.papers, embeddings: store.embeddings, directory: dir)
        #expect(catalog.defaultMode == .lexical)
        do {
            _ = try await catalog.search(CatalogQuery(text: "mixture", mode: .semantic))
            Issue.record("expected an error")
        } catch let error as PaperboyError {
            #expect(error.code == .configuration)
            #expect(error.message.contains("fetch-model.sh"))
        }
        // Similar papers fall back to the title's words.
        let similar = try await catalog.similar(to: PaperID(unchecked: "2406.00002"))
        #expect(similar.first?.detail.paper.id.rawValue == "2406.00004")
    }
}

/// Fails every call after the first `failAfterCalls` (a job killed mid-way).
final class FailingEmbedder: TextEmbedder, @unchecked Sendable {
    struct Failure: Error {}
    let inner: HashingEmbedder
    let failAfterCalls: Int
    private let lock = NSLock()
    private var calls = 0
    var modelName: String { inner.modelName }
    var dimension: Int { inner.dimension }

    init(inner: HashingEmbedder, failAfterCalls: Int) {
        self.inner = inner
        self.failAfterCalls = failAfterCalls
    }

    func embed(_ texts: [String]) async throws -> [[Float]] {
        let n = lock.withLock { calls += 1; return calls }
        if n > failAfterCalls { throw Failure() }
        return try await inner.embed(texts)
    }
}

/// Counts the texts it embeds.
final class CountingEmbedder: TextEmbedder, @unchecked Sendable {
    let inner: HashingEmbedder
    private let lock = NSLock()
    private var count = 0
    var modelName: String { inner.modelName }
    var dimension: Int { inner.dimension }
    var texts: Int { lock.withLock { count } }

    init(inner: HashingEmbedder) { self.inner = inner }

    func embed(_ texts: [String]) async throws -> [[Float]] {
        lock.withLock { count += texts.count }
        return try await inner.embed(texts)
    }
}

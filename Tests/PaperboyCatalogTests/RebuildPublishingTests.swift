import Foundation
import PaperboyCatalog
import PaperboyCore
import PaperboyStore
import Synchronization
import Testing
import TestSupport

@Suite("A rebuild publishes its indexes only when complete")
struct RebuildPublishingTests {
    /// Enough papers for several change batches (2,000 each), so the rebuild takes a while.
    static let paperCount = 4500

    func papers() -> [Paper] {
        (0..<Self.paperCount).map { i in
            Paper(id: PaperID(unchecked: String(format: "2406.%05d", i)), title: "Paper \(i) on sparse attention",
                  abstract: "Abstract number \(i) about mixture routing.", authors: [Author(name: "Tri Dao")],
                  categories: ["cs.LG"], publishedAt: Date(timeIntervalSince1970: 1_717_200_000), source: "arxiv-listing",
                  sourceUpdatedAt: Date(timeIntervalSince1970: 1))
        }
    }

    @Test func readersNeverSeeAnEmptyOrPartialIndexDuringRebuild() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("paperboy-rebuild-\(UUID().uuidString)")
        let stores = try Stores.sqlite(path: dir.path + ".sqlite")
        _ = try await stores.papers.apply(ImportBatch(papers: papers()))
        let embedder = HashingEmbedder(dimension: 32)
        try await EmbeddingJob(store: stores.embeddings, embedder: embedder).runPass()
        let catalog = try await SearchCatalog.open(store: stores.papers, embeddings: stores.embeddings, directory: dir,
                                                   embedder: embedder)
        #expect(catalog.documentCount == Self.paperCount && catalog.semantic?.count == Self.paperCount)

        let done = Atomic<Bool>(false)
        let reader = Task.detached { () -> (reads: Int, fewestDocuments: Int, fewestVectors: Int, fewestHits: Int) in
            var reads = 0, fewestDocuments = Int.max, fewestVectors = Int.max, fewestHits = Int.max
            repeat {
                let indexes = catalog.indexes
                fewestDocuments = min(fewestDocuments, indexes.lexical.snapshot.documentCount)
                fewestVectors = min(fewestVectors, indexes.vectors.count)
                let hits = (try? indexes.lexical.search("sparse", limit: 1).total) ?? 0
                fewestHits = min(fewestHits, hits)
                reads += 1
                await Task.yield()
            } while !done.load(ordering: .acquiring)
            return (reads, fewestDocuments, fewestVectors, fewestHits)
        }
        #expect(try await catalog.rebuild() == Self.paperCount)
        done.store(true, ordering: .releasing)
        let seen = await reader.value
        #expect(seen.reads > 1)
        #expect(seen.fewestDocuments == Self.paperCount)
        #expect(seen.fewestVectors == Self.paperCount)
        #expect(seen.fewestHits == Self.paperCount)
        #expect(catalog.documentCount == Self.paperCount && catalog.semantic?.count == Self.paperCount)
    }
}

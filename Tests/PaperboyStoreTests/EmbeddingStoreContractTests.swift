import Foundation
import PaperboyCore
import Testing
@testable import PaperboyStore

/// The behaviour every ``EmbeddingStore`` owes: candidates are the papers without a current vector, vectors
/// come back in write order with never-reused sequence numbers, removed papers are skipped.
@Suite("EmbeddingStore contract")
struct EmbeddingStoreContractTests {
    @Test(arguments: Backend.all)
    func vectorsRoundTripInWriteOrder(backend: Backend) async throws {
        let stores = try await backend.make()
        let e = stores.embeddings
        _ = try await stores.papers.apply(ImportBatch(papers: [paper("2401.00001"), paper("2401.00002"), paper("2401.00003")]))
        let candidates = try await e.embeddingCandidates(model: "m", after: nil, limit: 10)
        #expect(candidates.map(\.id.rawValue) == ["2401.00001", "2401.00002", "2401.00003"])
        #expect(try await e.embeddingCandidates(model: "m", after: candidates[0].id, limit: 1).map(\.id) == [candidates[1].id])
        try await e.saveEmbeddings(candidates.prefix(2).map {
            EmbeddingRecord(id: $0.id, contentHash: "h-\($0.id)", paperModifiedAt: $0.modifiedAt, vector: [1, -0.5, 0.25])
        }, model: "m")
        #expect(try await e.embeddingProgress(model: "m") == EmbeddingProgress(embedded: 2, total: 3))
        #expect(try await e.embedding(of: candidates[0].id, model: "m") == [1, -0.5, 0.25])
        #expect(try await e.embeddingCandidates(model: "m", after: nil, limit: 10).map(\.id) == [candidates[2].id])
        let all = try await e.embeddings(model: "m", afterSequence: 0, limit: 10)
        #expect(all.map(\.id) == [candidates[0].id, candidates[1].id])
        #expect(all[0].sequence < all[1].sequence)

        // A removed paper's record is skipped; new vectors get sequence numbers past every earlier one.
        #expect(try await stores.papers.remove([candidates[1].id]) == 1)
        try await e.saveEmbeddings([
            EmbeddingRecord(id: candidates[1].id, contentHash: "x", paperModifiedAt: 0, vector: [0, 0, 1]),
            EmbeddingRecord(id: candidates[2].id, contentHash: "h3", paperModifiedAt: candidates[2].modifiedAt, vector: [0, 1, 0]),
        ], model: "m")
        let after = try await e.embeddings(model: "m", afterSequence: all[1].sequence, limit: 10)
        #expect(after.map(\.id) == [candidates[2].id])
        #expect(try await e.embedding(of: candidates[1].id, model: "m") == nil)
        #expect(try await e.embeddingProgress(model: "m") == EmbeddingProgress(embedded: 2, total: 2))
    }

    @Test(arguments: Backend.all)
    func anUnchangedTextIsOnlyMarkedChecked(backend: Backend) async throws {
        let stores = try await backend.make()
        let e = stores.embeddings
        _ = try await stores.papers.apply(ImportBatch(papers: [paper("2401.00001", updated: 100)]))
        let c = try #require(try await e.embeddingCandidates(model: "m", after: nil, limit: 1).first)
        try await e.saveEmbeddings([EmbeddingRecord(id: c.id, contentHash: "h", paperModifiedAt: c.modifiedAt, vector: [1])],
                                   model: "m")
        _ = try await stores.papers.apply(ImportBatch(papers: [paper("2401.00001", votes: 3, updated: 200)]))
        let changed = try #require(try await e.embeddingCandidates(model: "m", after: nil, limit: 1).first)
        #expect(changed.storedHash == "h")
        let sequence = try await e.embeddings(model: "m", afterSequence: 0, limit: 10).map(\.sequence)
        try await e.saveEmbeddings([EmbeddingRecord(id: c.id, contentHash: "h", paperModifiedAt: changed.modifiedAt, vector: nil)],
                                   model: "m")
        #expect(try await e.embeddingCandidates(model: "m", after: nil, limit: 1).isEmpty)
        #expect(try await e.embeddings(model: "m", afterSequence: 0, limit: 10).map(\.sequence) == sequence, "no new vector")
    }
}

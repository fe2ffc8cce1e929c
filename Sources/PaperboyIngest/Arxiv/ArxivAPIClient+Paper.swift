import Foundation
import PaperboyCore

extension ArxivAPIClient {
    /// The paper `id` as the arXiv API describes it (source `arxiv-api`), or `nil` if arXiv has no such paper: the
    /// fetch-and-map step of submit-by-id (``ArxivSubmitter``) and of the submit page's fetcher
    /// (``ArxivPaperFetcher``), which store it in their own ways. The record is matched on the base id, so any
    /// version or id form finds the paper; a record without an update date is dated `fetchedAt` so the merge rule
    /// can order it. Nothing is stored. arXiv errors propagate (`unavailable`/`upstream`).
    public func paper(_ id: ArxivID, fetchedAt now: Date) async throws -> Paper? {
        guard let record = try await records(ids: [id]).first(where: { $0.id.base == id.base }) else { return nil }
        var paper = record.paper(source: "arxiv-api")
        paper.sourceUpdatedAt = paper.sourceUpdatedAt ?? now
        return paper
    }
}

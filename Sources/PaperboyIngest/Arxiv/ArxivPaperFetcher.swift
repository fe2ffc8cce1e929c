import Foundation
import PaperboyCore
import PaperboyStore

/// Fetches one paper from the arXiv API and stores it (without featuring it): what the submit page needs for a
/// paper the database does not know yet. `nil` when arXiv has no such paper; arXiv errors propagate
/// (`unavailable`/`upstream`) and nothing is stored. Fetching is ``ArxivAPIClient/paper(_:fetchedAt:)``, as for
/// ``ArxivSubmitter``.
public struct ArxivPaperFetcher: Sendable {
    public let store: any PaperStore
    public let api: ArxivAPIClient
    let clock: @Sendable () -> Date

    public init(store: any PaperStore, api: ArxivAPIClient, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.api = api
        self.clock = clock
    }

    public func fetchAndStore(_ id: ArxivID) async throws -> PaperID? {
        guard let paper = try await api.paper(id, fetchedAt: clock()) else { return nil }
        _ = try await store.apply(ImportBatch(papers: [paper]))
        return paper.id
    }
}

import Foundation
import Logging
import PaperboyCore
import PaperboyStore

/// Harvests an API query (e.g. ``ArxivQuery/submitted(categories:since:until:)``) into a store, page by page,
/// keeping the offset of the next page with each stored page so a killed run resumes where it stopped.
public struct ArxivAPIHarvester: Sendable {
    public let api: ArxivAPIClient
    public let store: any HarvestLedger
    let logger: Logger

    public init(api: ArxivAPIClient, store: any HarvestLedger, logger: Logger = Logger(label: "paperboy.arxiv-api")) {
        self.api = api
        self.store = store
        self.logger = logger
    }

    public func harvest(_ query: ArxivQuery, progress: @Sendable (HarvestReport) -> Void = { _ in }) async throws -> HarvestReport {
        let key = query.key
        var report = HarvestReport(key: key)
        var position = try await store.harvestPosition(key) ?? HarvestPosition()
        if position.completed { position = HarvestPosition() }
        report.resumed = position.cursor > 0
        if report.resumed { logger.info("\(key): resuming at offset \(position.cursor)") }
        try await api.pages(query, from: position.cursor) { feed, next, isLast in
            let papers = feed.entries.map { $0.paper(source: "arxiv-api") }
            position.pages += 1
            position.records += papers.count
            position.cursor = next
            position.completed = isLast
            report.counts = report.counts + (try await store.apply(ImportBatch(papers: papers), recording: position, for: key))
            report.pages += 1
            report.records += papers.count
            report.expectedTotal = feed.totalResults
            report.completed = isLast
            progress(report)
        }
        if report.pages == 0 { report.completed = true }
        return report
    }
}

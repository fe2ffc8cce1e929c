import Foundation
import Logging
import PaperboyCore
import PaperboyStore

/// Adds a day's arXiv announcements to the store: every listed paper becomes known (source `arxiv-listing`)
/// and the selected announcement kinds (by default only `new` submissions) become that day's daily entries,
/// after whatever the day already lists, in listing order.
///
/// This is the deliberate exception to "listings do not feature papers": an operator who enables the harvest
/// asks for arXiv's new papers as the day's candidates. Each category is one transaction.
public struct DailyListingIngest: Sendable {
    public let listings: ArxivListingClient
    public let store: any PaperStore
    public var categories: [String]
    public var featured: Set<ArxivListingClient.AnnounceType>
    let logger: Logger

    public init(listings: ArxivListingClient, store: any PaperStore, categories: [String],
                featured: Set<ArxivListingClient.AnnounceType> = [.new], logger: Logger = Logger(label: "paperboy.listing")) {
        self.listings = listings
        self.store = store
        self.categories = categories
        self.featured = featured
        self.logger = logger
    }

    /// What one pass stored.
    public struct Result: Sendable, Equatable {
        public var day: Day
        public var listed = 0
        public var featured = 0
        public var counts = ImportCounts()
    }

    /// Fetches each category's listing and stores it under `day` (the UTC day of the announcement).
    /// A category that fails is logged and skipped; the error of the last failure is thrown after the others
    /// were stored, so a caller can retry.
    public func run(day: Day) async throws -> Result {
        var result = Result(day: day)
        var seen = Set<PaperID>()
        var failure: (any Error)?
        for category in categories {
            do {
                let feed = try await listings.listing(category)
                let existing = try await store.feed(FeedQuery(days: day...day, limit: 1)).total
                var batch = ImportBatch()
                for record in feed.entries {
                    var paper = record.paper(source: "arxiv-listing")
                    paper.sourceUpdatedAt = Date(timeIntervalSince1970: day.secondsSinceEpoch)
                    batch.papers.append(paper)
                    let kind = record.announceType.flatMap(ArxivListingClient.AnnounceType.init(rawValue:))
                    guard let kind, featured.contains(kind), seen.insert(paper.id).inserted else { continue }
                    batch.entries.append(DailyEntry(day: day, paperID: paper.id, position: existing + batch.entries.count,
                                                    submittedAt: Date(timeIntervalSince1970: day.secondsSinceEpoch)))
                }
                // Papers already on the day's list keep their place.
                let known = Set(try await store.details(batch.entries.map(\.paperID)).filter { d in d.entries.contains { $0.day == day } }.map(\.paper.id))
                batch.entries = batch.entries.filter { !known.contains($0.paperID) }
                for i in batch.entries.indices { batch.entries[i].position = existing + i }
                result.counts = result.counts + (try await store.apply(batch))
                result.listed += feed.entries.count
                result.featured += batch.entries.count
                logger.info("\(category) \(day): \(feed.entries.count) listed, \(batch.entries.count) featured")
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                logger.error("\(category) \(day): \(error)")
                failure = error
            }
        }
        if let failure { throw failure }
        return result
    }
}

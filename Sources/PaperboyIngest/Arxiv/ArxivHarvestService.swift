import Foundation
import Logging
import PaperboyCore
import ServiceLifecycle

/// The background harvest `paperboy serve` runs when categories are configured: after each arXiv announcement
/// (see ``AnnouncementSchedule``) it stores the day's listings and features the new papers
/// (``DailyListingIngest``). On start it also catches up with the latest announcement. A failed pass is
/// retried every `retryInterval` until the next announcement. Stops on graceful shutdown.
public struct ArxivHarvestService: Service {
    let ingest: DailyListingIngest
    let schedule: AnnouncementSchedule
    let retryInterval: Duration
    let now: @Sendable () -> Date
    let sleep: @Sendable (Duration) async throws -> Void
    let logger: Logger

    public init(ingest: DailyListingIngest, schedule: AnnouncementSchedule = AnnouncementSchedule(),
                retryInterval: Duration = .seconds(15 * 60), logger: Logger,
                now: @escaping @Sendable () -> Date = { Date() },
                sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }) {
        self.ingest = ingest
        self.schedule = schedule
        self.retryInterval = retryInterval
        self.logger = logger
        self.now = now
        self.sleep = sleep
    }

    public func run() async throws {
        try await cancelWhenGracefulShutdown { try await loop() }
    }

    /// Runs passes until cancelled. A pass that fails is retried until the next announcement supersedes it
    /// (the listing feeds only ever show the latest announcement).
    func loop() async throws {
        logger.info("arXiv harvest: \(ingest.categories.joined(separator: ", ")) after each announcement")
        var pending: Day? = schedule.listingDay(of: schedule.lastAnnouncement(atOrBefore: now()))
        while !Task.isCancelled {
            if let day = pending {
                do {
                    let result = try await ingest.run(day: day)
                    logger.info("arXiv harvest \(day): \(result.listed) listed, \(result.featured) new papers featured")
                    pending = nil
                } catch is CancellationError {
                    return
                } catch {
                    logger.error("arXiv harvest \(day) failed: \(error); retrying in \(retryInterval)")
                }
            }
            let next = schedule.nextFetch(after: now())
            let untilNext = max(0, next.at.timeIntervalSince(now()))
            let retry = Double(retryInterval.components.seconds)
            let wait = pending == nil ? untilNext : min(untilNext, retry)
            do {
                try await sleep(.milliseconds(Int64(wait * 1000)))
            } catch {
                return
            }
            if now() >= next.at { pending = next.day }
        }
    }
}

import Foundation
import Logging
import PaperboyLifecycle
import Synchronization
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
        try await periodic().run()
    }

    /// Runs passes until cancelled (or `sleep` throws). A pass that fails is retried every `retryInterval` until
    /// the next announcement supersedes it (the listing feeds only ever show the latest announcement).
    func loop() async throws {
        await periodic().loop()
    }

    /// The harvest as a ``PeriodicService``: the first pass at once (catching up with the latest announcement),
    /// then one after each announcement. No jitter: the schedule is arXiv's.
    func periodic() -> PeriodicService {
        logger.info("arXiv harvest: \(ingest.categories.joined(separator: ", ")) after each announcement")
        let first = schedule.listingDay(of: schedule.lastAnnouncement(atOrBefore: now()))
        let state = Mutex<HarvestState>(HarvestState(pending: first))
        let (ingest, schedule, retryInterval, now, logger) = (ingest, schedule, retryInterval, now, logger)
        return PeriodicService(name: "arXiv harvest", interval: retryInterval, jitter: 0, runAtStart: true,
                               logger: logger, sleep: sleep) {
            // An announcement passed during the wait: its day supersedes any pending one.
            let day = state.withLock { s -> Day? in
                if let due = s.next, now() >= due.at { s.pending = due.day }
                return s.pending
            }
            if let day {
                do {
                    let result = try await ingest.run(day: day)
                    logger.info("arXiv harvest \(day): \(result.listed) listed, \(result.featured) new papers featured")
                    state.withLock { $0.pending = nil }
                } catch is CancellationError {
                    throw CancellationError()
                } catch {
                    logger.error("arXiv harvest \(day) failed: \(error); retrying in \(retryInterval)")
                }
            }
            let next = schedule.nextFetch(after: now())
            let untilNext = max(0, next.at.timeIntervalSince(now()))
            let retry = Double(retryInterval.components.seconds)
            let pending = state.withLock { s -> Day? in
                s.next = (next.at, next.day)
                return s.pending
            }
            let wait = pending == nil ? untilNext : min(untilNext, retry)
            return .milliseconds(Int64(wait * 1000))
        }
    }
}

/// The harvest loop's state: the listing day still to fetch, and the next announcement's.
struct HarvestState: Sendable {
    var pending: Day?
    var next: (at: Date, day: Day)?
}

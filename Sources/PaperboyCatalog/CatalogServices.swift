import Foundation
import Synchronization
import Logging
import PaperboyLifecycle

extension PeriodicService {
    /// Keeps the search index current while serving: every `interval` it indexes the papers changed since the
    /// last pass (imports by another `paperboy import`, votes, comments).
    public static func catalogRefresh(_ catalog: SearchCatalog, interval: Duration = .seconds(30),
                                      logger: Logger) -> PeriodicService {
        PeriodicService(name: "search index refresh", interval: interval, logger: logger) {
            let n = try await catalog.refresh()
            if n > 0 { logger.info("search index: \(n) changed papers indexed") }
            return nil
        }
    }

    /// Embeds new and changed papers in the background while serving (the foreground equivalent is
    /// `paperboy embed`). Each pass resumes from the database's state; after a pass that embedded something the
    /// catalog is refreshed so the vectors become searchable at once. Progress is logged every 30 s.
    public static func embedding(_ job: EmbeddingJob, catalog: SearchCatalog?, interval: Duration = .seconds(60),
                                 logger: Logger) -> PeriodicService {
        PeriodicService(name: "embedding", interval: interval, runAtStart: true, logger: logger) {
            let reported = ProgressThrottle(every: 30)
            let n = try await job.runPass { p in
                guard reported.due(p.elapsed) else { return }
                logger.info("embedding: \(p.coverage.embedded)/\(p.coverage.total) papers have vectors (\(String(format: "%.1f", Double(p.embedded) / max(p.elapsed, 0.001))) papers/s)")
            }
            if n > 0 {
                logger.info("embedding: \(n) papers embedded")
                try await catalog?.refresh()
            }
            return nil
        }
    }
}

/// Lets one progress line through every `every` seconds of elapsed time.
final class ProgressThrottle: Sendable {
    private let every: TimeInterval
    private let last = Mutex<TimeInterval>(0)

    init(every: TimeInterval) { self.every = every }

    func due(_ elapsed: TimeInterval) -> Bool {
        last.withLock { last in
            guard elapsed - last >= every else { return false }
            last = elapsed
            return true
        }
    }
}

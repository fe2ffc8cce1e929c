import Foundation
import Logging
import PaperboyCatalog
import ServiceLifecycle

/// Embeds new and changed papers in the background while serving (the foreground equivalent is
/// `paperboy embed`). Each pass resumes from the database's state; between passes it waits `interval`.
/// After a pass that embedded something the catalog is refreshed so the vectors become searchable at once.
/// Stops between batches on graceful shutdown.
public struct EmbeddingService: Service {
    let job: EmbeddingJob
    let catalog: SearchCatalog?
    let interval: Duration
    let logger: Logger

    public init(job: EmbeddingJob, catalog: SearchCatalog?, interval: Duration = .seconds(60), logger: Logger) {
        self.job = job
        self.catalog = catalog
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        try await cancelWhenGracefulShutdown { try await loop() }
    }

    private func loop() async throws {
        let logger = self.logger
        while !Task.isCancelled {
            do {
                let reported = LastReport()
                let n = try await job.runPass { p in
                    guard reported.due(p.elapsed) else { return }
                    logger.info("embedding: \(p.coverage.embedded)/\(p.coverage.total) papers have vectors (\(String(format: "%.1f", Double(p.embedded) / max(p.elapsed, 0.001))) papers/s)")
                }
                if n > 0 {
                    logger.info("embedding: \(n) papers embedded")
                    try await catalog?.refresh()
                }
            } catch is CancellationError {
                return
            } catch {
                if Task.isCancelled { return }
                logger.error("embedding failed: \(error)")
            }
            do { try await Task.sleep(for: interval) } catch { return }
        }
    }
}

/// Throttles progress logs to one every 30 s.
final class LastReport: Sendable {
    private let lock = NSLock()
    nonisolated(unsafe) private var last: TimeInterval = 0

    func due(_ elapsed: TimeInterval) -> Bool {
        lock.lock(); defer { lock.unlock() }
        guard elapsed - last >= 30 else { return false }
        last = elapsed
        return true
    }
}

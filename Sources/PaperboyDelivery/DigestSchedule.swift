import Foundation
import Logging
import PaperboyCore
import PaperboyLifecycle

/// Sends the digests while serving: each pass checks whether today is a send day for the daily (weekdays) and
/// weekly (Mondays) digests and the send hour (UTC) has passed, and runs ``DigestSender`` for the ones not yet
/// complete. The ledger makes repeated passes send nothing twice; a restart continues where it stopped.
public struct DigestSchedule: Sendable {
    let sender: DigestSender
    let hour: Int
    let clock: @Sendable () -> Date
    let logger: Logger

    public init(sender: DigestSender, hour: Int = 7, clock: @escaping @Sendable () -> Date = { Date() }, logger: Logger) {
        self.sender = sender
        self.hour = min(max(hour, 0), 23)
        self.clock = clock
        self.logger = logger
    }

    /// The scheduler as a background service: a pass every `interval` (10 minutes), the first at start.
    public func service(interval: Duration = .seconds(600)) -> PeriodicService {
        PeriodicService(name: "digest scheduler", interval: interval, runAtStart: true, logger: logger) {
            try await tick()
            return nil
        }
    }

    /// One check: sends what is due now. One failed period is logged and does not stop the other.
    func tick() async throws {
        let now = clock()
        let today = Day(secondsSinceEpoch: now.timeIntervalSince1970)
        let secondsIntoDay = now.timeIntervalSince1970 - today.secondsSinceEpoch
        guard secondsIntoDay >= Double(hour) * 3600 else { return }
        for frequency in DigestFrequency.allCases where DigestPeriod.isSendDay(frequency, today) {
            let period = DigestPeriod.current(frequency, on: today)
            do {
                let subscribers = try await sender.delivery.subscribers(status: .confirmed, frequency: frequency)
                let counts = try await sender.delivery.digestCounts(period: period.key)
                guard (counts["sent"] ?? 0) < subscribers.count else { continue }
                let report = try await sender.run(period, now: now)
                if report.sent + report.failed > 0 {
                    logger.info("digest \(period.key): sent \(report.sent), failed \(report.failed), skipped \(report.skipped)")
                }
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                logger.error("digest \(period.key) failed: \(error)")
            }
        }
    }
}

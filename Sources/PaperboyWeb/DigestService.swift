import Foundation
import Logging
import PaperboyCore
import PaperboyDelivery
import ServiceLifecycle

/// Sends the digests while serving: every `interval` it checks whether today is a send day for the daily
/// (weekdays) and weekly (Mondays) digests and the send hour (UTC) has passed, and runs ``DigestSender`` for the
/// ones not yet complete. The ledger makes repeated runs send nothing twice; a restart continues where it stopped.
public struct DigestService: Service {
    let sender: DigestSender
    let hour: Int
    let interval: Duration
    let clock: @Sendable () -> Date
    let logger: Logger

    public init(sender: DigestSender, hour: Int = 7, interval: Duration = .seconds(600),
                clock: @escaping @Sendable () -> Date = { Date() }, logger: Logger) {
        self.sender = sender
        self.hour = min(max(hour, 0), 23)
        self.interval = interval
        self.clock = clock
        self.logger = logger
    }

    public func run() async throws {
        try await cancelWhenGracefulShutdown { try await loop() }
    }

    private func loop() async throws {
        while !Task.isCancelled {
            await tick()
            do { try await Task.sleep(for: interval) } catch { return }
        }
    }

    /// One check: sends what is due now.
    func tick() async {
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
                return
            } catch {
                logger.error("digest \(period.key) failed: \(error)")
            }
        }
    }
}

import Foundation
import Logging
import ServiceLifecycle

/// A background job run again and again while the server lives: the one loop behind the catalog refresh, the
/// embedder, the digest scheduler and the arXiv harvest.
///
/// Each pass runs `pass`; it returns how long to wait before the next one (`nil`: the configured `interval`).
/// A pass that throws is logged at `error` with the service's name and retried after `retryInterval`. Every wait
/// gets up to `jitter` × its length added at random, so several instances started together do not run their
/// passes in lock-step. On graceful shutdown (or cancellation) the current wait ends at once and a running pass
/// is cancelled; the service returns without error.
public struct PeriodicService: Service, CustomStringConvertible {
    public let name: String
    let interval: Duration
    let retryInterval: Duration
    let jitter: Double
    let runAtStart: Bool
    let logger: Logger
    let sleep: @Sendable (Duration) async throws -> Void
    let pass: @Sendable () async throws -> Duration?

    /// - Parameters:
    ///   - name: used in log lines (`"search index refresh"`).
    ///   - interval: the wait between passes when a pass does not say otherwise.
    ///   - retryInterval: the wait after a failed pass (default: `interval`).
    ///   - jitter: the largest random addition to a wait, as a fraction of it (0…1).
    ///   - runAtStart: run the first pass at once (`true`) or after the first wait.
    ///   - sleep: injectable for tests; throwing ends the loop.
    public init(name: String, interval: Duration, retryInterval: Duration? = nil, jitter: Double = 0.1,
                runAtStart: Bool = false, logger: Logger,
                sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
                pass: @escaping @Sendable () async throws -> Duration?) {
        self.name = name
        self.interval = interval
        self.retryInterval = retryInterval ?? interval
        self.jitter = min(max(jitter, 0), 1)
        self.runAtStart = runAtStart
        self.logger = logger
        self.sleep = sleep
        self.pass = pass
    }

    public var description: String { "PeriodicService(\(name))" }

    public func run() async throws {
        try await cancelWhenGracefulShutdown { await loop() }
    }

    /// The loop itself, without the graceful-shutdown wrapper (tests drive it with a scripted `sleep`).
    public func loop() async {
        var wait: Duration? = runAtStart ? nil : interval
        while !Task.isCancelled {
            if let wait {
                do { try await sleep(jittered(wait)) } catch { return }
            }
            do {
                wait = try await pass() ?? interval
            } catch is CancellationError {
                return
            } catch {
                if Task.isCancelled { return }
                logger.error("\(name) failed: \(error); retrying in \(retryInterval)")
                wait = retryInterval
            }
        }
    }

    /// `wait` plus up to `jitter × wait`, at random.
    func jittered(_ wait: Duration) -> Duration {
        guard jitter > 0, wait > .zero else { return wait }
        let ms = Double(wait.components.seconds) * 1000 + Double(wait.components.attoseconds) / 1e15
        return wait + .milliseconds(Int64(ms * jitter * Double.random(in: 0..<1)))
    }
}

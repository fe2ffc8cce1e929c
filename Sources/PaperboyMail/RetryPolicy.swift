/// Exponential backoff for transient failures (connection errors, timeouts, 4xx replies).
public struct RetryPolicy: Sendable, Equatable {
    /// Attempts in total, including the first (1 = no retries).
    public var maxAttempts: Int
    /// Delay before the second attempt.
    public var initialDelay: Duration
    /// Factor applied to the delay after each attempt.
    public var multiplier: Double
    /// Upper bound for any single delay.
    public var maxDelay: Duration

    /// Creates a policy; defaults: 3 attempts, 0.5 s, ×2, at most 30 s.
    public init(maxAttempts: Int = 3, initialDelay: Duration = .milliseconds(500), multiplier: Double = 2,
                maxDelay: Duration = .seconds(30)) {
        self.maxAttempts = max(1, maxAttempts)
        self.initialDelay = initialDelay
        self.multiplier = multiplier
        self.maxDelay = maxDelay
    }

    /// The delay to wait after failed attempt number `attempt` (1-based): `initialDelay × multiplier^(attempt-1)`,
    /// capped at ``maxDelay``.
    public func delay(afterAttempt attempt: Int) -> Duration {
        let factor = Foundation.pow(multiplier, Double(max(0, attempt - 1)))
        let delay = initialDelay * factor
        return delay > maxDelay ? maxDelay : delay
    }
}

import Foundation

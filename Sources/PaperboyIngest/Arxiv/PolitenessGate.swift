import Foundation

/// Time as the politeness gate sees it: a monotonic "now" and a way to wait. Injected so tests can check
/// the spacing of requests without sleeping.
public protocol PoliteClock: Sendable {
    /// Time since an arbitrary, fixed origin.
    func now() -> Duration
    func sleep(for duration: Duration) async throws
}

/// The real clock: `ContinuousClock`.
public struct SystemPoliteClock: PoliteClock {
    let origin = ContinuousClock.now

    public init() {}

    public func now() -> Duration { ContinuousClock.now - origin }

    public func sleep(for duration: Duration) async throws {
        if duration > .zero { try await Task.sleep(for: duration) }
    }
}

/// Spaces requests to each host: a request may start only `delay(host)` after the previous one to that host
/// started. arXiv's hosts (`arxiv.org` and its subdomains) never get less than ``arxivFloor`` (3 s), whatever
/// was configured; other hosts (a mirror, a test server) get the configured delay.
///
/// Callers reserve slots in arrival order, so concurrent callers queue rather than burst.
public actor PolitenessGate {
    /// arXiv's rule: no more than one request every three seconds.
    public static let arxivFloor: Duration = .seconds(3)

    let configured: Duration
    let clock: any PoliteClock
    private var nextSlot: [String: Duration] = [:]

    public init(delay: Duration, clock: any PoliteClock = SystemPoliteClock()) {
        self.configured = max(delay, .zero)
        self.clock = clock
    }

    /// The spacing for `host`: the configured delay, raised to 3 s for arXiv.
    public nonisolated func delay(for host: String) -> Duration {
        Self.isArxiv(host) ? max(configured, Self.arxivFloor) : configured
    }

    static func isArxiv(_ host: String) -> Bool {
        let h = host.lowercased()
        return h == "arxiv.org" || h.hasSuffix(".arxiv.org")
    }

    /// Waits until a request to `host` may start, then returns (the slot is taken).
    public func enter(host: String) async throws {
        let key = host.lowercased()
        let now = clock.now()
        let slot = max(now, nextSlot[key] ?? now)
        nextSlot[key] = slot + delay(for: key)
        if slot > now { try await clock.sleep(for: slot - now) }
    }

    /// Pushes the next slot for `host` at least `pause` into the future (a server asked us to back off).
    public func backOff(host: String, for pause: Duration) {
        let key = host.lowercased()
        let until = clock.now() + pause
        if until > nextSlot[key] ?? .zero { nextSlot[key] = until }
    }
}

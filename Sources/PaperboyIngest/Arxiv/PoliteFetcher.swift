import Foundation
import Logging
import PaperboyCore

/// Fetches XML from arXiv politely and robustly: through the ``PolitenessGate``, with a User-Agent that names
/// a contact, retrying 429, 5xx, timeouts and dropped connections with exponential backoff plus jitter (a
/// `Retry-After` from the server is honoured), and checking what came back (status, content type, size).
///
/// Errors are ``PaperboyError``s: `unavailable` when retries ran out, `upstream` for an answer that cannot be
/// used (4xx, not XML, too large). Callers keep their place and try that page again later.
public struct PoliteFetcher: Sendable {
    public let settings: ArxivSettings
    let fetcher: any HTTPFetcher
    let gate: PolitenessGate
    let clock: any PoliteClock
    /// Random jitter in `0...limit`; injectable for deterministic tests.
    let jitter: @Sendable (Duration) -> Duration
    let logger: Logger

    public init(settings: ArxivSettings, fetcher: any HTTPFetcher, clock: any PoliteClock = SystemPoliteClock(),
                logger: Logger = Logger(label: "paperboy.arxiv"),
                jitter: @escaping @Sendable (Duration) -> Duration = { limit in
                    limit * Double.random(in: 0...1)
                }) {
        self.settings = settings
        self.fetcher = fetcher
        self.clock = clock
        self.gate = PolitenessGate(delay: settings.delay, clock: clock)
        self.jitter = jitter
        self.logger = logger
    }

    /// Shuts the transport down (its connections close); call once when done with this fetcher.
    public func close() async throws { try await fetcher.shutdown() }

    /// The backoff before try `attempt + 1` (attempt counts from 1): `base·2^(attempt−1)` plus jitter, capped.
    func backoff(after attempt: Int, retryAfter: Duration?) -> Duration {
        let exponential = settings.backoffBase * (1 << min(attempt - 1, 20))
        let wait = min(exponential + jitter(settings.backoffBase), settings.maxBackoff)
        guard let retryAfter else { return wait }
        return max(wait, min(retryAfter, settings.maxRetryAfter))
    }

    /// GETs `url` and returns its XML body. `what` names the page in errors and logs. `attempts` and `timeout`
    /// override the settings for callers someone is waiting on (submit by id): fail fast rather than back off for minutes.
    public func fetchXML(_ url: URL, what: String, attempts: Int? = nil, timeout: Duration? = nil) async throws -> Data {
        let maxAttempts = max(1, attempts ?? settings.maxAttempts)
        let timeout = timeout ?? settings.timeout
        let host = url.host ?? ""
        let headers = ["User-Agent": settings.userAgent, "Accept": "application/atom+xml, application/xml, text/xml"]
        var attempt = 0
        while true {
            attempt += 1
            try await gate.enter(host: host)
            let problem: String
            var retryAfter: Duration?
            do {
                let response = try await fetcher.get(url, headers: headers, timeout: timeout,
                                                     maxBytes: settings.maxResponseBytes)
                if response.status == 200 { return try validated(response, what: what) }
                guard response.status == 429 || (500...599).contains(response.status) else {
                    throw PaperboyError(.upstream, "\(what): arXiv answered HTTP \(response.status).")
                }
                problem = "HTTP \(response.status)"
                retryAfter = response.headers["retry-after"].flatMap(Self.retryAfter)
            } catch let failure as FetchFailure {
                switch failure {
                case .tooLarge(let limit):
                    throw PaperboyError(.upstream, "\(what) is larger than the \(limit >> 20) MiB limit.")
                case .timeout: problem = "no answer within \(timeout)"
                case .transport(let reason): problem = "connection failed (\(reason.prefix(120)))"
                }
            }
            guard attempt < maxAttempts else {
                throw PaperboyError(.unavailable, "arXiv is unavailable: \(what) failed \(attempt) times (last: \(problem)).")
            }
            let pause = backoff(after: attempt, retryAfter: retryAfter)
            logger.warning("\(what): \(problem); retrying in \(pause) (try \(attempt + 1) of \(maxAttempts))")
            await gate.backOff(host: host, for: pause)
        }
    }

    func validated(_ response: FetchedResponse, what: String) throws(PaperboyError) -> Data {
        if let type = response.headers["content-type"]?.lowercased(), !type.contains("xml") {
            throw PaperboyError(.upstream, "\(what) came back as '\(type.prefix(60))', not XML.")
        }
        guard !response.body.isEmpty else { throw PaperboyError(.upstream, "\(what) came back empty.") }
        return response.body
    }

    /// `Retry-After` as seconds (`120`) or an HTTP date.
    static func retryAfter(_ raw: String) -> Duration? {
        let text = raw.trimmingWhitespace()
        if let seconds = Int(text), seconds >= 0 { return .seconds(seconds) }
        guard let date = UTCDateTime.parseRFC1123(text) else { return nil }
        return .milliseconds(Int64(max(0, date.timeIntervalSinceNow) * 1000))
    }
}

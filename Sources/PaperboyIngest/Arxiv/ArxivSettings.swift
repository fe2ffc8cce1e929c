import Foundation
import PaperboyCore

/// Where arXiv lives and how politely to talk to it. Read by PaperboyConfig's `AppConfiguration.arxiv(_:)` from the
/// settings (command line > environment > config file).
///
/// | variable | meaning | default |
/// |---|---|---|
/// | `PAPERBOY_ARXIV_API_URL` | the Atom query API | `https://export.arxiv.org/api/query` |
/// | `PAPERBOY_ARXIV_OAI_URL` | the OAI-PMH endpoint | `https://oaipmh.arxiv.org/oai` |
/// | `PAPERBOY_ARXIV_RSS_URL` | listing feeds, `/{category}` appended | `https://rss.arxiv.org/atom` |
/// | `PAPERBOY_ARXIV_DELAY` | seconds between requests to one host (arXiv: at least 3) | 3 |
/// | `PAPERBOY_CONTACT_EMAIL` | put in the User-Agent so arXiv can reach the operator | none |
public struct ArxivSettings: Sendable, Equatable {
    public var apiURL = URL(string: "https://export.arxiv.org/api/query")!
    public var oaiURL = URL(string: "https://oaipmh.arxiv.org/oai")!
    public var rssURL = URL(string: "https://rss.arxiv.org/atom")!
    /// Spacing between requests to one host. ``PolitenessGate`` raises it to 3 s for arXiv's hosts.
    public var delay: Duration = .seconds(3)
    public var contactEmail: String?
    /// Per-request timeout.
    public var timeout: Duration = .seconds(60)
    /// Larger bodies are refused (a page of 1,000 OAI records is ~3 MB).
    public var maxResponseBytes = 64 << 20
    /// Tries per request on 429, 5xx, timeouts and dropped connections.
    public var maxAttempts = 5
    /// First backoff step; it doubles per try, plus up to one step of random jitter.
    public var backoffBase: Duration = .seconds(5)
    /// No single backoff waits longer than this, unless the server's `Retry-After` asks for more
    /// (honoured up to ``maxRetryAfter``).
    public var maxBackoff: Duration = .seconds(300)
    public var maxRetryAfter: Duration = .seconds(3600)

    public init() {}

    /// `Paperboy/1 (Daily Papers mirror; mailto:ops@example.org)`: arXiv asks API users to identify themselves.
    public var userAgent: String {
        "Paperboy/1 (self-hosted Daily Papers; \(contactEmail.map { "mailto:\($0)" } ?? "no contact configured"))"
    }

    public static func url(_ raw: String, _ name: String) throws(PaperboyError) -> URL {
        guard let url = URL(string: raw.trimmingWhitespace()), let scheme = url.scheme?.lowercased(),
              scheme == "http" || scheme == "https", url.host?.isEmpty == false else {
            throw PaperboyError(.configuration, "\(name) must be an http(s) URL, got '\(raw.prefix(80))'.")
        }
        return url
    }

    public static func seconds(_ raw: String, _ name: String) throws(PaperboyError) -> Duration {
        guard let value = Double(raw.trimmingWhitespace()), value.isFinite, value >= 0, value <= 86_400 else {
            throw PaperboyError(.configuration, "\(name) must be a number of seconds (0–86400), got '\(raw.prefix(40))'.")
        }
        return .milliseconds(Int64((value * 1000).rounded()))
    }

    public static func email(_ raw: String) throws(PaperboyError) -> String {
        let e = raw.trimmingWhitespace()
        let parts = e.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), e.count <= 254,
              !e.contains(where: { $0.isWhitespace || $0 == "(" || $0 == ")" || $0 == ";" }) else {
            throw PaperboyError(.configuration, "The contact e-mail '\(e.prefix(80))' is not an address.")
        }
        return e
    }
}

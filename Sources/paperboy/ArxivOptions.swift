import ArgumentParser
import Foundation
import Logging
import PaperboyCore
import PaperboyIngest

/// Options every command that talks to arXiv shares. Each defaults to its environment variable
/// (`PAPERBOY_ARXIV_API_URL`, `PAPERBOY_ARXIV_OAI_URL`, `PAPERBOY_ARXIV_RSS_URL`, `PAPERBOY_ARXIV_DELAY`,
/// `PAPERBOY_CONTACT_EMAIL`), then to arXiv itself.
struct ArxivOptions: ParsableArguments {
    @Option(help: ArgumentHelp("arXiv API base URL.", valueName: "url"))
    var arxivApiUrl: String?

    @Option(help: ArgumentHelp("arXiv OAI-PMH base URL.", valueName: "url"))
    var arxivOaiUrl: String?

    @Option(help: ArgumentHelp("arXiv listing feeds base URL (/{category} is appended).", valueName: "url"))
    var arxivRssUrl: String?

    @Option(help: ArgumentHelp("Seconds between requests to one host; never below 3 for arxiv.org.", valueName: "seconds"))
    var arxivDelay: String?

    @Option(help: ArgumentHelp("Contact address sent in the User-Agent.", valueName: "email"))
    var contactEmail: String?

    func settings() throws -> ArxivSettings {
        do {
            var s = try ArxivSettings.fromEnvironment()
            if let arxivApiUrl { s.apiURL = try ArxivSettings.url(arxivApiUrl, "--arxiv-api-url") }
            if let arxivOaiUrl { s.oaiURL = try ArxivSettings.url(arxivOaiUrl, "--arxiv-oai-url") }
            if let arxivRssUrl { s.rssURL = try ArxivSettings.url(arxivRssUrl, "--arxiv-rss-url") }
            if let arxivDelay { s.delay = try ArxivSettings.seconds(arxivDelay, "--arxiv-delay") }
            if let contactEmail { s.contactEmail = try ArxivSettings.email(contactEmail) }
            return s
        } catch {
            throw ValidationError(error.message)
        }
    }

    /// Runs `body` with a polite fetcher whose HTTP client is shut down afterwards, whatever happens.
    func withFetcher<T>(logger: Logger, _ body: (PoliteFetcher) async throws -> T) async throws -> T {
        let settings = try settings()
        if settings.contactEmail == nil {
            logger.warning("No contact e-mail configured (PAPERBOY_CONTACT_EMAIL or --contact-email); arXiv asks for one.")
        }
        let http = PoliteFetcher(settings: settings, fetcher: AsyncHTTPFetcher(), logger: logger)
        let result: T
        do {
            result = try await body(http)
        } catch {
            try? await http.close()
            throw error
        }
        try await http.close()
        return result
    }
}

/// Parses `cs.LG,cs.CL` into categories.
func parseCategories(_ raw: String) throws -> [String] {
    let list = raw.split(separator: ",").map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
    guard !list.isEmpty else { throw ValidationError("Name at least one category (e.g. cs.LG,cs.CL).") }
    for c in list where !ArxivListingClient.isCategory(c) || c.contains("+") {
        throw ValidationError("'\(c)' is not an arXiv category (e.g. cs.LG).")
    }
    return list
}

/// A logger that writes to standard error at `info` (commands print results on standard output).
func stderrLogger(_ label: String) -> Logger {
    var logger = Logger(label: label) { StreamLogHandler.standardError(label: $0) }
    logger.logLevel = .info
    return logger
}

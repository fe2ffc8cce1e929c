import ArgumentParser
import Foundation
import Logging
import PaperboyCore
import PaperboyIngest
import PaperboyConfig
import Configuration

/// Options every command that talks to arXiv shares, read through PaperboyConfig's `SettingsReader` (these
/// options > `PAPERBOY_ARXIV_API_URL` etc. > arXiv itself).
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

    /// The options given, as settings.
    var commandLine: [Setting: ConfigContent] {
        var values: [Setting: ConfigContent] = [:]
        if let arxivApiUrl { values[.arxivAPIURL] = .string(arxivApiUrl) }
        if let arxivOaiUrl { values[.arxivOAIURL] = .string(arxivOaiUrl) }
        if let arxivRssUrl { values[.arxivRSSURL] = .string(arxivRssUrl) }
        // Text that is no number stays text, so the reader rejects it naming --arxiv-delay.
        if let arxivDelay { values[.arxivDelay] = Double(arxivDelay).map { .double($0) } ?? .string(arxivDelay) }
        if let contactEmail { values[.contactEmail] = .string(contactEmail) }
        return values
    }

    /// The options, then the environment (`PAPERBOY_ARXIV_*`, `PAPERBOY_CONTACT_EMAIL`), then arXiv itself.
    func settings() throws -> ArxivSettings {
        do {
            return try AppConfiguration.arxiv(SettingsReader(commandLine: commandLine))
        } catch let error as PaperboyError {
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

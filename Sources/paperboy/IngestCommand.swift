import ArgumentParser
import Foundation
import PaperboyCore
import PaperboyIngest
import PaperboyStore

struct Ingest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Harvest papers from arXiv in the foreground (progress on standard error).",
        discussion: """
            Requests are spaced at least 3 s apart (arXiv's rule), retried with backoff on 429/5xx/timeouts,
            and every page is stored with the position after it: a killed harvest, run again with the same
            arguments, resumes where it stopped. Point the URLs elsewhere (a mirror, a test server) with the
            --arxiv-*-url options or PAPERBOY_ARXIV_{API,OAI,RSS}_URL.
            """,
        subcommands: [IngestArxiv.self, IngestOAI.self, IngestListing.self]
    )
}

/// Prints a harvest's progress on one line of standard error.
func showProgress(_ label: String) -> @Sendable (HarvestReport) -> Void {
    { r in
        let total = r.expectedTotal.map { " of \($0)" } ?? ""
        FileHandle.standardError.write(Data("\(label): page \(r.pages), \(r.records)\(total) records\(r.resumed ? " (resumed)" : "")\n".utf8))
    }
}

func printSummary(_ r: HarvestReport) {
    let c = r.counts
    print("\(r.completed ? "done" : "stopped"): \(r.pages) pages, \(r.records) records\(r.resumed ? " (resumed)" : ""); "
        + "papers +\(c.papersInserted) new, \(c.papersUpdated) updated, \(c.papersUnchanged) unchanged"
        + (r.deleted > 0 ? "; \(r.deleted) deleted records skipped" : ""))
}

func parseDay(_ raw: String?, _ name: String) throws -> Day? {
    guard let raw else { return nil }
    do { return try Day(parsing: raw) } catch { throw ValidationError("\(name): \(error.message)") }
}

struct IngestArxiv: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "arxiv",
        abstract: "Papers submitted to some categories in a date range, through the arXiv API.")

    @OptionGroup var db: DatabaseOptions
    @OptionGroup var arxiv: ArxivOptions

    @Option(help: "Comma-separated categories, e.g. cs.LG,cs.CL.")
    var categories: String

    @Option(help: "First submission day (YYYY-MM-DD, UTC).")
    var since: String

    @Option(help: "Last submission day (default: today, UTC).")
    var until: String?

    @Option(help: "Records per request (1–2000).")
    var pageSize = 200

    func validate() throws {
        guard (1...2000).contains(pageSize) else { throw ValidationError("--page-size must be 1…2000.") }
    }

    func run() async throws {
        let cats = try parseCategories(categories)
        guard let first = try parseDay(since, "--since") else { return }
        let last = try parseDay(until, "--until") ?? Day(secondsSinceEpoch: Date().timeIntervalSince1970)
        guard first <= last else { throw ValidationError("--since must not be after --until.") }
        let stores = try await db.openStores()
        let store = stores.harvest
        let logger = stderrLogger("paperboy.ingest")
        let report = try await arxiv.withFetcher(logger: logger) { http in
            try await ArxivAPIHarvester(api: ArxivAPIClient(http: http, pageSize: pageSize), store: store, logger: logger)
                .harvest(.submitted(categories: cats, since: first, until: last), progress: showProgress("arxiv"))
        }
        printSummary(report)
        try await db.updateIndex(stores)
    }
}

struct IngestOAI: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "oai",
        abstract: "Records of an OAI-PMH set changed in a date range (ListRecords with resumption tokens).")

    @OptionGroup var db: DatabaseOptions
    @OptionGroup var arxiv: ArxivOptions

    @Option(help: "OAI set, e.g. cs or physics:hep-th (default: all).")
    var set: String?

    @Option(help: "Records changed on or after this day (YYYY-MM-DD).")
    var from: String?

    @Option(help: "Records changed on or before this day.")
    var until: String?

    @Option(help: "Metadata format: arXiv or arXivRaw.")
    var prefix = "arXiv"

    func run() async throws {
        guard let metadata = OAIMetadataPrefix(rawValue: prefix) else {
            throw ValidationError("--prefix must be arXiv or arXivRaw.")
        }
        let request = OAIHarvestRequest(prefix: metadata, set: set, from: try parseDay(from, "--from"),
                                        until: try parseDay(until, "--until"))
        let stores = try await db.openStores()
        let store = stores.harvest
        let logger = stderrLogger("paperboy.ingest")
        let report = try await arxiv.withFetcher(logger: logger) { http in
            try await OAIHarvester(http: http, store: store, logger: logger).harvest(request, progress: showProgress("oai"))
        }
        printSummary(report)
        try await db.updateIndex(stores)
    }
}

struct IngestListing: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "listing",
        abstract: "Today's arXiv listings: store them and feature the new papers (one pass of the serve harvest).")

    @OptionGroup var db: DatabaseOptions
    @OptionGroup var arxiv: ArxivOptions

    @Option(help: "Comma-separated categories, e.g. cs.LG,cs.CL.")
    var categories: String

    @Option(help: "The day to feature them on (default: the day of arXiv's latest announcement).")
    var day: String?

    func run() async throws {
        let cats = try parseCategories(categories)
        let schedule = AnnouncementSchedule()
        let target = try parseDay(day, "--day") ?? schedule.listingDay(of: schedule.lastAnnouncement(atOrBefore: Date()))
        let stores = try await db.openStores()
        let store = stores.papers
        let logger = stderrLogger("paperboy.ingest")
        let result = try await arxiv.withFetcher(logger: logger) { http in
            try await DailyListingIngest(listings: ArxivListingClient(http: http), store: store, categories: cats, logger: logger)
                .run(day: target)
        }
        print("\(result.day): \(result.listed) listed, \(result.featured) featured; papers +\(result.counts.papersInserted) new")
        try await db.updateIndex(stores)
    }
}

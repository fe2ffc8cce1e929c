import ArgumentParser
import Foundation
import Hummingbird
import Logging
import PaperboyCore
import PaperboyIngest
import PaperboyStore
import PaperboyWeb
import ServiceLifecycle

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the site and its JSON API.",
        discussion: """
            Stops gracefully on SIGINT (Ctrl-C) or SIGTERM: in-flight requests finish, then the server exits.
            Files given with --import are imported (idempotently) before the server starts listening.
            """
    )

    @OptionGroup var db: DatabaseOptions

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on.")
    var port = 8080

    @Option(name: .customLong("import"), parsing: .upToNextOption, help: "Files to import before serving.")
    var importFiles: [String] = []

    @Option(help: "Log level (trace, debug, info, notice, warning, error, critical).")
    var logLevel = "info"

    @OptionGroup var arxiv: ArxivOptions

    @Option(help: ArgumentHelp("Harvest these arXiv categories after each daily announcement (default: $PAPERBOY_HARVEST_CATEGORIES; none: off).",
                               valueName: "cs.LG,cs.CL"))
    var harvestCategories: String?

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535.") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("Unknown --log-level '\(logLevel)'.") }
    }

    func run() async throws {
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "paperboy")
        let store = try db.openStore()
        if !importFiles.isEmpty {
            let ok = try await ImportRunner(store: store).run(importFiles)
            if !ok { logger.warning("Some lines could not be imported (see above); serving what was imported.") }
        }
        let started = Date()
        let catalog = try await db.openCatalog(store)
        logger.info("search index: \(catalog.documentCount) papers ready in \(String(format: "%.2f", Date().timeIntervalSince(started))) s")
        let settings = try arxiv.settings()
        let harvest = harvestCategories ?? ProcessInfo.processInfo.environment["PAPERBOY_HARVEST_CATEGORIES"] ?? ""
        let categories = harvest.isBlank ? [] : try parseCategories(harvest)
        let http = PoliteFetcher(settings: settings, fetcher: AsyncHTTPFetcher(), logger: logger)
        do {
            var services: [any Service] = [CatalogRefreshService(catalog: catalog, logger: logger)]
            if !categories.isEmpty {
                let ingest = DailyListingIngest(listings: ArxivListingClient(http: http), store: store,
                                                categories: categories, logger: logger)
                services.append(ArxivHarvestService(ingest: ingest, logger: logger))
            }
            let app = try await buildApplication(
                WebConfiguration(host: host, port: port, logLevel: level),
                dependencies: AppDependencies(store: store, catalog: catalog,
                                              submitter: ArxivSubmitter(store: store, api: .interactive(http: http))),
                services: services)
            logger.info("Paperboy on http://\(host):\(port) — database \(db.path)")
            try await app.runService()
        } catch {
            try? await http.close()
            throw error
        }
        try await http.close()
    }
}

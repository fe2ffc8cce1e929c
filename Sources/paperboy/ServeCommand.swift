import ArgumentParser
import Foundation
import Hummingbird
import Logging
import PaperboyStore
import PaperboyWeb

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

    @Flag(help: ArgumentHelp("Mark session cookies Secure (serve behind TLS).",
                             discussion: "Also on when PAPERBOY_SECURE_COOKIES=1."))
    var secureCookies = false

    @Option(help: "bcrypt cost for new passwords (10–16).")
    var bcryptCost = 12

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535.") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("Unknown --log-level '\(logLevel)'.") }
        guard (10...16).contains(bcryptCost) else { throw ValidationError("--bcrypt-cost must be between 10 and 16.") }
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
        let app = try await buildApplication(
            WebConfiguration(host: host, port: port, logLevel: level),
            dependencies: AppDependencies(
                store: store, catalog: catalog, community: SQLiteCommunityStore(papers: store),
                passwords: PasswordHasher(cost: bcryptCost),
                secureCookies: secureCookies || ProcessInfo.processInfo.environment["PAPERBOY_SECURE_COOKIES"] == "1"),
            services: [CatalogRefreshService(catalog: catalog, logger: logger)])
        logger.info("Paperboy on http://\(host):\(port) — database \(db.path)")
        try await app.runService()
    }
}

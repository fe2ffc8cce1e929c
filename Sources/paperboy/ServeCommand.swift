import ArgumentParser
import Configuration
import Foundation
import Hummingbird
import Logging
import PaperboyConfig
import PaperboyCore
import PaperboyIngest
import PaperboyStore
import PaperboyWeb
import ServiceLifecycle

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the site and its JSON API.",
        discussion: """
            Settings come from the options below, then the PAPERBOY_* environment variables, then the JSON file \
            given with --config (keys as in the README's settings table), then the defaults.
            Stops gracefully on SIGINT (Ctrl-C) or SIGTERM: in-flight requests finish, then the server exits.
            Files given with --import are imported (idempotently) before the server starts listening.
            """
    )

    @Option(help: ArgumentHelp("JSON file of settings (default: $PAPERBOY_CONFIG).", valueName: "file"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp(
        "SQLite database file or postgres://user[:password]@host[:port]/db (default $PAPERBOY_DATABASE_URL, $PAPERBOY_DATABASE, else ./paperboy.sqlite).",
        valueName: "path|url"))
    var database: String?

    @Option(name: .long, help: ArgumentHelp(
        "This instance's search index directory (default <database>.search for SQLite; in memory for PostgreSQL).",
        valueName: "dir"))
    var indexDir: String?

    @Option(help: "Address to listen on (default 127.0.0.1).")
    var host: String?

    @Option(help: "Port to listen on (default 8080).")
    var port: Int?

    @Option(name: .customLong("import"), parsing: .upToNextOption, help: "Files to import before serving.")
    var importFiles: [String] = []

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical (default info).")
    var logLevel: String?

    @Flag(inversion: .prefixedNo, help: "Embed new papers in the background for semantic search (needs the model; default on).")
    var embed: Bool?

    @Flag(inversion: .prefixedNo, help: "Send the e-mail digests on schedule (weekdays / Mondays after --digest-hour UTC; default on).")
    var digests: Bool?

    @Option(help: "Hour (UTC, 0–23) after which the day's digests go out (default 7).")
    var digestHour: Int?

    @OptionGroup var arxiv: ArxivOptions

    @Option(help: ArgumentHelp("Harvest these arXiv categories after each daily announcement (default none: off).",
                               valueName: "cs.LG,cs.CL"))
    var harvestCategories: String?

    @Flag(help: ArgumentHelp("Mark session cookies Secure (serve behind TLS)."))
    var secureCookies = false

    @Option(help: ArgumentHelp("Believe X-Forwarded-For only from these load-balancer addresses (default none).",
                               valueName: "ADDR[,ADDR]"))
    var trustedProxy: String?

    @Option(help: "bcrypt cost for new passwords, 10–16 (default 12).")
    var bcryptCost: Int?

    @Option(help: "Memory for cached pages and API answers in MB; 0 turns the cache off (default 64).")
    var cacheMb: Int?

    /// The options given, as settings (the command line is the first source in ``SettingsReader``).
    var commandLine: [Setting: ConfigContent] {
        var values = arxiv.commandLine
        if let database { values[.database] = .string(database) }
        if let indexDir { values[.indexDir] = .string(indexDir) }
        if let host { values[.host] = .string(host) }
        if let port { values[.port] = .int(port) }
        if let logLevel { values[.logLevel] = .string(logLevel) }
        if let embed { values[.embed] = .bool(embed) }
        if let digests { values[.digests] = .bool(digests) }
        if let digestHour { values[.digestHour] = .int(digestHour) }
        if let harvestCategories { values[.harvestCategories] = .string(harvestCategories) }
        if secureCookies { values[.secureCookies] = .bool(true) }
        if let trustedProxy { values[.trustedProxy] = .string(trustedProxy) }
        if let bcryptCost { values[.bcryptCost] = .int(bcryptCost) }
        if let cacheMb { values[.cacheMB] = .int(cacheMb) }
        return values
    }

    func run() async throws {
        let settings: AppConfiguration
        do {
            settings = try AppConfiguration.read(try await SettingsReader.load(commandLine: commandLine, configFile: config))
        } catch let error as PaperboyError {
            throw ValidationError(error.message)
        }
        let level = settings.logLevel
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "paperboy")
        if settings.arxiv.contactEmail == nil, !settings.harvestCategories.isEmpty {
            logger.warning("No contact e-mail configured (PAPERBOY_CONTACT_EMAIL or --contact-email); arXiv asks for one.")
        }
        var seams = AppSeams(logger: logger)
        if !importFiles.isEmpty {
            let files = importFiles
            seams.prepareStore = { store in
                let ok = try await ImportRunner(store: store).run(files)
                if !ok { logger.warning("Some lines could not be imported (see above); serving what was imported.") }
            }
        }
        let app = try await buildApplication(configuration: settings, seams: seams)
        try await app.runService()
    }
}

import ArgumentParser
import Foundation
import Hummingbird
import Logging
import PaperboyCatalog
import PaperboyCore
import PaperboyDelivery
import PaperboyEmbedding
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

    @Flag(inversion: .prefixedNo, help: "Embed new papers in the background for semantic search (needs the model).")
    var embed = true

    @Flag(inversion: .prefixedNo, help: "Send the e-mail digests on schedule (weekdays / Mondays after --digest-hour UTC).")
    var digests = true

    @Option(help: "Hour (UTC, 0–23) after which the day's digests go out.")
    var digestHour = 7

    @OptionGroup var arxiv: ArxivOptions

    @Option(help: ArgumentHelp("Harvest these arXiv categories after each daily announcement (default: $PAPERBOY_HARVEST_CATEGORIES; none: off).",
                               valueName: "cs.LG,cs.CL"))
    var harvestCategories: String?

    @Flag(help: ArgumentHelp("Mark session cookies Secure (serve behind TLS).",
                             discussion: "Also on when PAPERBOY_SECURE_COOKIES=1."))
    var secureCookies = false

    @Option(help: "bcrypt cost for new passwords (10–16).")
    var bcryptCost = 12

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535.") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("Unknown --log-level '\(logLevel)'.") }
        guard (0...23).contains(digestHour) else { throw ValidationError("--digest-hour must be between 0 and 23.") }
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
        let stores = try db.openStores()
        let store = stores.papers
        if !importFiles.isEmpty {
            let ok = try await ImportRunner(store: store).run(importFiles)
            if !ok { logger.warning("Some lines could not be imported (see above); serving what was imported.") }
        }
        let started = Date()
        // Semantic search is optional: without the model the site serves lexical search and says how to fix it.
        var encoder: SentenceEncoder?
        do {
            encoder = try SentenceEncoder.load()
        } catch {
            logger.warning("semantic search off: \(error.message)")
        }
        let catalog = try await db.openCatalog(stores, embedder: encoder)
        logger.info("search index: \(catalog.documentCount) papers, \(catalog.semantic?.count ?? 0) vectors, ready in \(String(format: "%.2f", Date().timeIntervalSince(started))) s; default mode \(catalog.defaultMode.rawValue)")
        var services: [any Service] = [CatalogRefreshService(catalog: catalog, logger: logger)]
        if embed, encoder != nil {
            // One worker thread: the background job must leave a core for requests.
            let background = try SentenceEncoder.load(options: .init(workers: 1))
            services.append(EmbeddingService(job: EmbeddingJob(store: stores.embeddings, embedder: background), catalog: catalog, logger: logger))
        }
        let mail: DeliveryConfiguration
        do {
            mail = try DeliveryConfiguration.fromEnvironment(defaultBaseURL: "http://\(host == "0.0.0.0" ? "127.0.0.1" : host):\(port)")
        } catch let error as PaperboyError {
            throw ValidationError(error.message)
        }
        let delivery = try await DeliveryDependencies.make(mail, store: stores.delivery, settings: stores.settings)
        if mail.devOutbox { logger.notice("mail: dev outbox — messages are kept in the database and shown at /dev/mail") }
        if digests {
            let sender = DigestSender(papers: store, delivery: stores.delivery, composer: delivery.composer,
                                      signer: delivery.signer,
                                      personal: FollowedPapers(catalog: catalog, store: stores.delivery),
                                      makeTransport: try mail.transports(store: stores.delivery))
            services.append(DigestService(sender: sender, hour: digestHour, logger: logger))
        }
        let settings = try arxiv.settings()
        let harvest = harvestCategories ?? ProcessInfo.processInfo.environment["PAPERBOY_HARVEST_CATEGORIES"] ?? ""
        let categories = harvest.isBlank ? [] : try parseCategories(harvest)
        let http = PoliteFetcher(settings: settings, fetcher: AsyncHTTPFetcher(), logger: logger)
        do {
            if !categories.isEmpty {
                let ingest = DailyListingIngest(listings: ArxivListingClient(http: http), store: store,
                                                categories: categories, logger: logger)
                services.append(ArxivHarvestService(ingest: ingest, logger: logger))
            }
            let app = try await buildApplication(
                WebConfiguration(host: host, port: port, logLevel: level),
                dependencies: AppDependencies(
                    store: store, catalog: catalog, community: stores.community,
                    accounts: stores.accounts,
                    passwords: PasswordHasher(cost: bcryptCost),
                    fetcher: ArxivPaperFetcher(store: store, api: .interactive(http: http)),
                    secureCookies: secureCookies || ProcessInfo.processInfo.environment["PAPERBOY_SECURE_COOKIES"] == "1",
                    delivery: delivery, baseURL: mail.baseURL,
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

/// The submit page's seam (`PaperFetcher`, in PaperboyWeb) served by the arXiv API client (PaperboyIngest).
extension ArxivPaperFetcher: PaperFetcher {}

import Foundation
import Hummingbird
import Logging
import NIOCore
import PaperboyCatalog
import PaperboyConfig
import PaperboyCore
import PaperboyDelivery
import PaperboyEmbedding
import PaperboyIngest
import PaperboyLifecycle
import PaperboyMCP
import PaperboyRecommend
import PaperboyStore
import PaperboyVectors
import ServiceLifecycle

/// What a test (or the CLI) may supply instead of what ``buildApplication(configuration:seams:)`` would build
/// from the configuration. The server passes `AppSeams()` plus the `--import` step.
public struct AppSeams: Sendable {
    /// "Now", for pages and digests.
    public var clock: @Sendable () -> Date
    /// The query-time embedder; `nil` loads the MiniLM model from `configuration.model` (lexical search if absent).
    public var embedder: (any TextEmbedder)?
    /// Where the singletons' leases are taken; `nil`: the database's own (`flock` files in `<db>.leases/` beside an
    /// SQLite file, session advisory locks on PostgreSQL).
    public var leases: (any Leases)?
    /// The background embedder; `nil` loads the model on one worker thread (a core stays free for requests).
    public var backgroundEmbedder: (any TextEmbedder)?
    /// arXiv's transport; `nil` is AsyncHTTPClient.
    public var arxivHTTP: (any HTTPFetcher)?
    /// Submit-by-id (`POST /api/papers/index`); `nil` is the arXiv API client.
    public var submitter: (any PaperSubmitting)?
    /// Fetches unknown papers for the submit page; `nil` is the arXiv API client.
    public var fetcher: (any PaperFetcher)?
    /// Runs on the store before the search index opens (the server imports its `--import` files here).
    public var prepareStore: (@Sendable (any PaperStore) async throws -> Void)?
    public var logger: Logger

    public init(clock: @escaping @Sendable () -> Date = { Date() }, embedder: (any TextEmbedder)? = nil,
                backgroundEmbedder: (any TextEmbedder)? = nil, arxivHTTP: (any HTTPFetcher)? = nil,
                submitter: (any PaperSubmitting)? = nil, fetcher: (any PaperFetcher)? = nil,
                prepareStore: (@Sendable (any PaperStore) async throws -> Void)? = nil,
                logger: Logger = Logger(label: "paperboy")) {
        self.clock = clock
        self.embedder = embedder
        self.backgroundEmbedder = backgroundEmbedder
        self.arxivHTTP = arxivHTTP
        self.submitter = submitter
        self.fetcher = fetcher
        self.prepareStore = prepareStore
        self.logger = logger
    }
}

/// The one place the app is built: store, search catalog, mail, arXiv clients, background services, routes.
/// `paperboy serve`, the acceptance tests (through `serve`) and the router tests all build through it.
public func buildApplication(configuration: AppConfiguration, seams: AppSeams = AppSeams()) async throws
    -> some ApplicationProtocol {
    var logger = seams.logger
    logger.logLevel = configuration.logLevel
    // The database first: a PostgreSQL pool starts here (the index and the secret are read before the group runs)
    // and its service leads the group, so it closes last.
    let database = try await SiteDatabase.open(configuration.database, maximumConnections: 20, logger: logger)
    let stores = database.stores
    let store = stores.papers
    var services: [any Service] = database.service.map { [$0] } ?? []
    if let prepare = seams.prepareStore { try await prepare(store) }

    let started = Date()
    let embedder = seams.embedder ?? loadEncoder(configuration, workers: nil, logger: logger)
    let catalog = try await SearchCatalog.open(store: store, embeddings: stores.embeddings,
                                           directory: configuration.searchDirectory, embedder: embedder)
    logger.info("search index: \(catalog.documentCount) papers, \(catalog.semantic?.count ?? 0) vectors, ready in \(String(format: "%.2f", Date().timeIntervalSince(started))) s; default mode \(catalog.defaultMode.rawValue)")

    let http = PoliteFetcher(settings: configuration.arxiv, fetcher: seams.arxivHTTP ?? AsyncHTTPFetcher(), logger: logger)
    services.append(PeriodicService.catalogRefresh(catalog, logger: logger))
    // The singletons run on one process of the database at a time (SiteLease); every instance refreshes its own index.
    let leases = seams.leases ?? database.leases
    func singleton(_ service: any Service, _ lease: SiteLease) -> any Service {
        LeasedService(service, lease: lease.rawValue, leases: leases, logger: logger)
    }
    if configuration.embed, embedder != nil,
       let background = seams.backgroundEmbedder ?? loadEncoder(configuration, workers: 1, logger: logger) {
        services.append(singleton(PeriodicService.embedding(EmbeddingJob(store: stores.embeddings, embedder: background),
                                                            catalog: catalog, logger: logger), .embedder))
    }
    let mail = configuration.delivery
    let delivery = try await DeliveryDependencies.make(mail, store: stores.delivery, settings: stores.settings)
    if mail.devOutbox { logger.notice("mail: dev outbox — messages are kept in the database and shown at /dev/mail") }
    // "For you": one recommender per app (its reader models and paper facts are shared by the page, the API, the
    // private feed and the digest), reading the vectors the catalog keeps current.
    let recommender = Recommender(papers: store, community: stores.community, delivery: stores.delivery,
                                  vectors: { catalog.semantic?.index ?? VectorIndex() })
    if configuration.digests {
        let personal = FollowedPapers(catalog: catalog, store: stores.delivery,
                                      forYou: ForYouDigest(recommender: recommender, stores: stores))
        let sender = DigestSender(papers: store, delivery: stores.delivery, composer: delivery.composer,
                                  signer: delivery.signer, personal: personal,
                                  makeTransport: try mail.transports(store: stores.delivery))
        services.append(singleton(DigestSchedule(sender: sender, hour: configuration.digestHour, clock: seams.clock,
                                                 logger: logger).service(), .digests))
    }
    if !configuration.harvestCategories.isEmpty {
        let ingest = DailyListingIngest(listings: ArxivListingClient(http: http), store: store,
                                        categories: configuration.harvestCategories, logger: logger)
        services.append(singleton(ArxivHarvestService(ingest: ingest, logger: logger), .harvest))
    }
    services.append(ClosingService(name: "arXiv HTTP client") { try await http.close() })

    var dependencies = AppDependencies(
        store: store, catalog: catalog, clock: seams.clock, community: stores.community, accounts: stores.accounts,
        passwords: PasswordHasher(cost: configuration.bcryptCost),
        fetcher: seams.fetcher ?? ArxivPaperFetcher(store: store, api: .interactive(http: http)),
        secureCookies: configuration.secureCookies, delivery: delivery, baseURL: mail.baseURL,
        submitter: seams.submitter ?? ArxivSubmitter(store: store, api: .interactive(http: http), clock: seams.clock))
    dependencies.trustedProxies = Set(configuration.trustedProxies)
    dependencies.cacheBytes = configuration.cacheBytes
    dependencies.databaseKind = database.kind.rawValue
    dependencies.forYou = ForYouRanking(recommender: recommender, papers: store, community: stores.community,
                                        delivery: stores.delivery)
    let router = try await buildRouter(dependencies, logger: logger)
    let host = configuration.host
    let location = database.location
    let serverLogger = logger
    var app = Application(
        router: router,
        configuration: .init(address: .hostname(host, port: configuration.port), serverName: "paperboy"),
        onServerRunning: { channel in
            // Logged once the socket accepts connections (with port 0, the port the system chose).
            let port = channel.localAddress?.port ?? configuration.port
            serverLogger.info("listening on http://\(host):\(port) — database \(location)")
        },
        logger: logger
    )
    app.addServices(services)
    return app
}

/// The MiniLM encoder from the configured location, or `nil` (with a warning) when it is not installed.
private func loadEncoder(_ configuration: AppConfiguration, workers: Int?, logger: Logger) -> SentenceEncoder? {
    guard let model = configuration.model else { return nil }
    do {
        return try SentenceEncoder.load(from: model, options: workers.map { .init(workers: $0) } ?? .init())
    } catch {
        if workers == nil { logger.warning("semantic search off: \(error.message)") }
        return nil
    }
}

/// The singletons: background jobs one process of a database runs at a time (see ``LeasedService``).
public enum SiteLease: String, Sendable, CaseIterable {
    case embedder, digests, harvest
}

/// Runs `close` once the service group shuts down (after the server stopped taking requests).
struct ClosingService: Service {
    let name: String
    let close: @Sendable () async throws -> Void

    func run() async throws {
        try? await gracefulShutdown()
        try await close()
    }
}

/// The site's middleware and routes for `dependencies`: used by ``buildApplication(configuration:seams:)``.
func buildRouter(_ deps: AppDependencies, logger: Logger = Logger(label: "paperboy")) async throws
    -> Router<AppRequestContext> {
    let assets = try StaticAssets.load()
    let pages = try await PageRenderer.load(assets: assets.paths)
    let router = Router(context: AppRequestContext.self)
    let cache = ResponseCache(budget: deps.cacheBytes)
    let metrics = SiteMetrics(catalog: deps.catalog, store: deps.store, cache: cache, digests: deps.delivery?.store,
                              clock: deps.clock)
    let version = DataVersion(papers: deps.store, catalog: deps.catalog, clock: deps.clock)
    router.add(middleware: ClientAddressMiddleware(trustedProxies: deps.trustedProxies))
    router.add(middleware: RequestObservationMiddleware(metrics: metrics, logger: logger))
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: ErrorPageMiddleware(pages: pages))
    router.add(middleware: PaperAliasMiddleware(papers: deps.store))
    let clock = deps.clock
    let upvotes = UpvoteMarks(community: deps.community)
    let personal = PersonalPages(cache: cache, version: version, pages: pages, upvotes: upvotes)
    let sessions = deps.accounts.map {
        SessionLayer(driver: SQLitePersistDriver(store: $0, clock: clock), secureCookies: deps.secureCookies)
    }
    if deps.community != nil, let accounts = deps.accounts, let sessions {
        // Sessions (hummingbird-auth, records in SQLite) → the signed-in user → CSRF check on every HTML POST.
        router.add(middleware: sessions.middleware(AppRequestContext.self))
        router.add(middleware: ViewerMiddleware(store: accounts))
        router.add(middleware: CSRFMiddleware())
    }
    // Inside the session layer (it must know who is asking), outside every route.
    router.add(middleware: HTTPCachingMiddleware(cache: cache, version: version, metrics: metrics))
    let feedLinks = deps.delivery.map { PrivateFeedLinks(signer: $0.signer, baseURL: deps.baseURL) }
    if let community = deps.community, let accounts = deps.accounts, let sessions {
        CommunityRoutes(papers: deps.store, community: community, accounts: accounts, upvotes: upvotes,
                        passwords: deps.passwords, fetcher: deps.fetcher, clock: clock, pages: pages,
                        sessions: sessions, feedLinks: deps.forYou == nil ? nil : feedLinks,
                        baseURL: deps.baseURL).register(on: router)
        HFWritesAPI(papers: deps.store, community: community, accounts: accounts, submitter: deps.submitter,
                    clock: clock).register(on: router)
        if let forYou = deps.forYou {
            ForYouController(ranking: forYou, upvotes: upvotes, categories: CommonCategories(), feedLinks: feedLinks,
                             clock: clock, pages: pages).register(on: router)
            RecommendationsAPI(ranking: forYou, accounts: accounts, clock: clock).register(on: router)
            if let feedLinks {
                PrivateFeedController<AppRequestContext>(links: feedLinks, ranking: forYou, accounts: accounts,
                                                         clock: clock).register(on: router)
            }
        }
        if let delivery = deps.delivery {
            MagicLinkController(clock: clock, accounts: accounts, delivery: delivery,
                                links: SignInLinks(signer: delivery.signer, store: delivery.store), pages: pages,
                                sessions: sessions).register(on: router)
            FollowController(clock: clock, delivery: delivery, pages: pages).register(on: router)
        }
    }
    router.get("/hello") { _, _ in "Hello, world!" }
    router.get("/metrics") { _, _ -> Response in
        Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: await metrics.render())))
    }
    let papers = deps.store
    HealthController(papers: papers, catalog: deps.catalog, database: deps.databaseKind).register(on: router)
    assets.register(on: router)
    FeedController(papers: papers, catalog: deps.catalog, personal: personal, clock: clock, pages: pages).register(on: router)
    OrganizationController(papers: papers, catalog: deps.catalog, personal: personal).register(on: router)
    PaperController(papers: papers, catalog: deps.catalog, community: deps.community, pages: pages,
                    baseURL: deps.baseURL).register(on: router)
    DailyPapersAPI(papers: papers, catalog: deps.catalog, clock: clock, baseURL: deps.baseURL).register(on: router)
    SearchController(papers: papers, catalog: deps.catalog, personal: personal, pages: pages,
                     baseURL: deps.baseURL).register(on: router)
    FeedsController(papers: papers, catalog: deps.catalog, clock: clock, baseURL: deps.baseURL).register(on: router)
    SubscribeController(delivery: deps.delivery, clock: clock, pages: pages).register(on: router)
    PaperIndexAPI(accounts: deps.accounts, submitter: deps.submitter, clock: clock).register(on: router)
    MCPController<AppRequestContext>(endpoint: MCPHTTPEndpoint(
        tools: SiteMCP.tools(papers: papers, catalog: deps.catalog, siteURL: deps.baseURL, logger: logger),
        siteURL: deps.baseURL)).register(on: router)
    PaperReposAPI(papers: papers, community: deps.community).register(on: router)
    return router
}

/// Conservative security headers on every response.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.init("Referrer-Policy")!] = "strict-origin-when-cross-origin"
        if response.headers[.contentType]?.hasPrefix("text/html") == true, response.headers[.contentSecurityPolicy] == nil {
            response.headers[.contentSecurityPolicy] =
                "default-src 'self'; img-src 'self' https: data:; style-src 'self'; script-src 'self'; " +
                "frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'"
            response.headers[.init("X-Frame-Options")!] = "DENY"
            // Pages for a session carry its user and CSRF token: never store them in shared caches.
            if response.headers[.cacheControl] == nil,
               request.headers[.cookie] != nil || !response.headers[values: .setCookie].isEmpty {
                response.headers[.cacheControl] = "private, no-store"
            }
        }
        return response
    }
}

import Foundation
import Hummingbird
import Logging
import PaperboyCore
import PaperboyDelivery
import PaperboyStore
import ServiceLifecycle

/// Where and how to serve.
public struct WebConfiguration: Sendable {
    public var host: String
    public var port: Int
    public var logLevel: Logger.Level

    public init(host: String = "127.0.0.1", port: Int = 8080, logLevel: Logger.Level = .info) {
        self.host = host
        self.port = port
        self.logLevel = logLevel
    }
}

/// The one place the web app is wired: templates, routes, middleware, services.
public func buildApplication(
    _ configuration: WebConfiguration, dependencies: AppDependencies, services: [any Service] = []
) async throws -> some ApplicationProtocol {
    var logger = Logger(label: "paperboy")
    logger.logLevel = configuration.logLevel
    let router = try await buildRouter(dependencies)
    var app = Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "paperboy"),
        logger: logger
    )
    app.addServices(services)
    return app
}

/// All routes and middleware; also used directly by router-level tests.
public func buildRouter(_ deps: AppDependencies) async throws -> Router<AppRequestContext> {
    let pages = try await PageRenderer.load()
    let router = Router(context: AppRequestContext.self)
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: ErrorPageMiddleware(pages: pages))
    if let community = deps.community, let accounts = deps.accounts {
        // Sessions (hummingbird-auth, records in SQLite) → the signed-in user → CSRF check on every HTML POST.
        let sessions = SessionLayer(driver: SQLitePersistDriver(store: accounts, clock: deps.clock),
                                    secureCookies: deps.secureCookies)
        router.add(middleware: sessions.middleware(AppRequestContext.self))
        router.add(middleware: ViewerMiddleware(store: accounts))
        router.add(middleware: CSRFMiddleware())
        CommunityRoutes(deps: deps, community: community, accounts: accounts, pages: pages, sessions: sessions).register(on: router)
        if let delivery = deps.delivery {
            MagicLinkController(deps: deps, accounts: accounts, delivery: delivery,
                                links: SignInLinks(signer: delivery.signer, store: delivery.store), pages: pages,
                                sessions: sessions).register(on: router)
            FollowController(deps: deps, delivery: delivery, pages: pages).register(on: router)
        }
    }
    router.get("/hello") { _, _ in "Hello, world!" }
    router.get("/healthz") { _, _ -> Response in
        _ = try await deps.store.dayBounds()
        return JSONResponse.make(["status": "ok"])
    }
    try StaticAssets.load().register(on: router)
    FeedController(deps: deps, pages: pages).register(on: router)
    PaperController(deps: deps, pages: pages).register(on: router)
    DailyPapersAPI(deps: deps).register(on: router)
    SearchController(deps: deps, pages: pages).register(on: router)
    FeedsController(deps: deps, baseURL: deps.baseURL).register(on: router)
    SubscribeController(deps: deps, pages: pages).register(on: router)
    PaperIndexAPI(deps: deps).register(on: router)
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

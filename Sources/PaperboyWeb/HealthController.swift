import Hummingbird
import PaperboyCatalog
import PaperboyStore
import Synchronization

/// `GET /healthz`, for load balancers and operators: `{"status", "database", "feedHead", "indexed", "papers",
/// "vectors"}`. `feedHead` is the store's newest change-feed position, `indexed` how far this instance's search
/// index has caught up. Until the index has caught up with the head once, the answer is 503 (`"status":
/// "catching up"`) so a balancer sends no searches to an instance that would miss papers; after that it stays
/// 200 while the index follows (it lags by up to one refresh interval, which `indexed` < `feedHead` shows). A
/// store that cannot be read is a 503 too.
struct HealthController: Sendable {
    let papers: any PaperStore
    let catalog: SearchCatalog?
    /// The backend's kind: `sqlite` (or `postgres`).
    let database: String
    private let caughtUp = CaughtUp()

    init(papers: any PaperStore, catalog: SearchCatalog?, database: String) {
        self.papers = papers
        self.catalog = catalog
        self.database = database
    }

    struct Health: Encodable {
        var status: String
        var database: String
        var feedHead: Int64
        var indexed: Int64
        var papers: Int
        var vectors: Int
    }

    func register(on router: Router<AppRequestContext>) {
        router.get("/healthz") { _, _ -> Response in try await answer() }
    }

    func answer() async throws -> Response {
        let head: ChangeCursor?
        do {
            head = try await papers.feedHead()
        } catch {
            return try JSONResponse.make(["status": "database unavailable", "database": database], status: .serviceUnavailable)
        }
        let indexed = catalog?.indexedCursor
        let headPosition = head?.position ?? 0
        let indexedPosition = indexed?.position ?? 0
        if indexedPosition >= headPosition { caughtUp.flag.store(true, ordering: .relaxed) }
        let ready = caughtUp.flag.load(ordering: .relaxed)
        let health = Health(status: ready ? "ok" : "catching up", database: database, feedHead: headPosition,
                            indexed: indexedPosition, papers: catalog?.documentCount ?? 0,
                            vectors: catalog?.semantic?.count ?? 0)
        return try JSONResponse.make(health, status: ready ? .ok : .serviceUnavailable)
    }
}

/// Set once the index has caught up with the feed head (never unset).
final class CaughtUp: Sendable {
    let flag = Atomic<Bool>(false)
}

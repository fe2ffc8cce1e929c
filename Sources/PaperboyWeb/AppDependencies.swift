import Foundation
import PaperboyCatalog
import PaperboyCore
import PaperboyIngest
import PaperboyStore

/// Everything request handlers need, built once by ``buildApplication(_:dependencies:)``.
public struct AppDependencies: Sendable {
    public var store: any PaperStore
    /// Lexical search over the store; `nil` serves the site without search (the page says so).
    public var catalog: SearchCatalog?
    /// The clock ("now"), injectable for tests.
    public var clock: @Sendable () -> Date
    /// Subscriptions and mail; `nil` serves the site without them (the subscribe page says so).
    public var delivery: DeliveryDependencies?
    /// Absolute URL of the site, for links in feeds (`PAPERBOY_BASE_URL`).
    public var baseURL: String
    /// Brings papers in by arXiv id (`POST /api/papers/index`); `nil` turns that endpoint off (503).
    public var submitter: (any PaperSubmitting)?

    public init(store: any PaperStore, catalog: SearchCatalog? = nil, clock: @escaping @Sendable () -> Date = { Date() },
                delivery: DeliveryDependencies? = nil, baseURL: String = "http://127.0.0.1:8080",
                submitter: (any PaperSubmitting)? = nil) {
        self.store = store
        self.catalog = catalog
        self.clock = clock
        self.delivery = delivery
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.submitter = submitter
    }
}

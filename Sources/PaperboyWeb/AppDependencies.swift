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
    /// Brings papers in by arXiv id (`POST /api/papers/index`); `nil` turns that endpoint off (503).
    public var submitter: (any PaperSubmitting)?

    public init(store: any PaperStore, catalog: SearchCatalog? = nil, clock: @escaping @Sendable () -> Date = { Date() },
                submitter: (any PaperSubmitting)? = nil) {
        self.store = store
        self.catalog = catalog
        self.clock = clock
        self.submitter = submitter
    }
}

import Foundation
import PaperboyCore
import PaperboyStore

/// Everything request handlers need, built once by ``buildApplication(_:dependencies:)``.
public struct AppDependencies: Sendable {
    public var store: any PaperStore
    /// The clock ("now"), injectable for tests.
    public var clock: @Sendable () -> Date

    public init(store: any PaperStore, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.clock = clock
    }
}

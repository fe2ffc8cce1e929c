import Foundation
import Logging
import PaperboyCatalog
import ServiceLifecycle

/// Keeps the search index current while serving: every `interval` it indexes papers changed since the last
/// pass (imports by another `paperboy import`, votes). Stops on graceful shutdown.
public struct CatalogRefreshService: Service {
    let catalog: SearchCatalog
    let interval: Duration
    let logger: Logger

    public init(catalog: SearchCatalog, interval: Duration = .seconds(30), logger: Logger) {
        self.catalog = catalog
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        try await cancelWhenGracefulShutdown { try await loop() }
    }

    private func loop() async throws {
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: interval)
            } catch {
                return
            }
            do {
                let n = try await catalog.refresh()
                if n > 0 { logger.info("search index: \(n) changed papers indexed") }
            } catch {
                if Task.isCancelled { return }
                logger.error("search index refresh failed: \(error)")
            }
        }
    }
}

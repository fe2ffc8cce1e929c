import Foundation
import Logging
import ServiceLifecycle

/// Runs `service` only while this process holds the lease `name`: a singleton among every process on the database.
///
/// Until it gets the lease it tries again every `retryInterval` (a holder that died is replaced within that
/// time); once it has it, it runs the service until graceful shutdown or cancellation, then releases the lease.
/// If the service ends by itself the lease is released and the loop returns. Errors from the lease backend are
/// logged and retried; they never take the server down.
public struct LeasedService: Service, CustomStringConvertible {
    public let name: String
    let leases: any Leases
    let service: any Service
    let retryInterval: Duration
    let logger: Logger
    let sleep: @Sendable (Duration) async throws -> Void

    public init(_ service: any Service, lease name: String, leases: any Leases, retryInterval: Duration = .seconds(5),
                logger: Logger, sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }) {
        self.name = name
        self.leases = leases
        self.service = service
        self.retryInterval = retryInterval
        self.logger = logger
        self.sleep = sleep
    }

    public var description: String { "LeasedService(\(name): \(service))" }

    public func run() async throws {
        var waitingLogged = false
        while !Task.isCancelled {
            let held: (any HeldLease)?
            do {
                held = try await leases.tryAcquire(name)
            } catch {
                logger.error("lease \(name): \(error); trying again in \(retryInterval)")
                held = nil
            }
            if let held {
                logger.info("lease \(name): held by this process; running \(service)")
                do {
                    try await service.run()
                } catch {
                    await held.release()
                    throw error
                }
                await held.release()
                return
            }
            if !waitingLogged {
                logger.info("lease \(name): held by another process; this one stands by")
                waitingLogged = true
            }
            do {
                try await cancelWhenGracefulShutdown { try await sleep(retryInterval) }
            } catch {
                return
            }
            if Task.isCancelled || Task.isShuttingDownGracefully { return }
        }
    }
}

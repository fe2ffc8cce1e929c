import Foundation
import Logging
import PaperboyLifecycle
import ServiceLifecycle
import Testing

@Suite("Singleton leases")
struct LeaseTests {
    func leases() -> FileLeases {
        FileLeases(directory: FileManager.default.temporaryDirectory.appendingPathComponent("leases-\(UUID().uuidString)"))
    }

    @Test func aLeaseHasOneHolderAtATimeAndPassesOnWhenReleased() async throws {
        let leases = leases()
        let first = try #require(try await leases.tryAcquire("embedder"))
        #expect(try await leases.tryAcquire("embedder") == nil)
        #expect(try await leases.tryAcquire("digests") != nil)       // other names are other leases
        #expect(leases.holderPid("embedder") == getpid())
        await first.release()
        let second = try await leases.tryAcquire("embedder")
        #expect(second != nil)
        await second?.release()
    }

    @Test func aKilledHoldersLeaseIsFreeAtOnce() async throws {
        let leases = leases()
        try FileManager.default.createDirectory(at: leases.directory, withIntermediateDirectories: true)
        // Another process holds the lease file, as a second `paperboy serve` would (one process: python's flock).
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        holder.arguments = ["-c", "import fcntl, sys, time; f = open(sys.argv[1], 'w'); fcntl.flock(f, fcntl.LOCK_EX); "
                                + "print('held', flush=True); time.sleep(60)",
                            leases.directory.appendingPathComponent("harvest.lock").path]
        // The holder says when it has the lock (no polling deadline: python can take seconds to start on a busy
        // machine while the suite runs in parallel).
        let ready = Pipe()
        holder.standardOutput = ready
        try holder.run()
        let said = ready.fileHandleForReading.availableData
        #expect(String(decoding: said, as: UTF8.self).hasPrefix("held"), "the other process never took the lease")
        #expect(try await leases.tryAcquire("harvest") == nil)
        kill(holder.processIdentifier, SIGKILL)
        holder.waitUntilExit()
        var taken: (any HeldLease)?
        for _ in 0..<100 where taken == nil {
            taken = try await leases.tryAcquire("harvest")
            if taken == nil { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(taken != nil)
        await taken?.release()
    }

    /// Counts how many copies of a service run at once.
    final class Gauge: @unchecked Sendable {
        let lock = NSLock()
        var running = 0
        var most = 0
        var starts = 0
        /// The instance whose copy started last.
        var holder = ""
        func enter(_ name: String) { lock.withLock { running += 1; starts += 1; most = max(most, running); holder = name } }
        func leave() { lock.withLock { running -= 1 } }
        var snapshot: (running: Int, most: Int, starts: Int) { lock.withLock { (running, most, starts) } }
    }

    struct Job: Service {
        let gauge: Gauge
        var name = ""
        func run() async throws {
            gauge.enter(name)
            defer { gauge.leave() }
            try? await gracefulShutdown()
        }
    }

    @Test func twoInstancesRunTheSingletonOnceAndTheStandbyTakesOver() async throws {
        let leases = leases()
        let gauge = Gauge()
        let logger = Logger(label: "test")
        func instance(_ name: String) -> ServiceGroup {
            ServiceGroup(configuration: .init(
                services: [.init(service: LeasedService(Job(gauge: gauge, name: name), lease: "digests", leases: leases,
                                                        retryInterval: .milliseconds(20), logger: logger))],
                logger: logger))
        }
        let a = instance("a"), b = instance("b")
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await a.run() }
            group.addTask { try await b.run() }
            for _ in 0..<200 where gauge.snapshot.starts == 0 { try await Task.sleep(for: .milliseconds(10)) }
            try await Task.sleep(for: .milliseconds(200))
            #expect(gauge.snapshot.running == 1 && gauge.snapshot.starts == 1)
            // The holder (whichever won the race) shuts down, as a deploy stops one instance: the standby takes
            // the lease and runs.
            let first = gauge.lock.withLock { gauge.holder }
            let (holder, standby) = first == "a" ? (a, b) : (b, a)
            await holder.triggerGracefulShutdown()
            for _ in 0..<300 where gauge.snapshot.starts < 2 { try await Task.sleep(for: .milliseconds(10)) }
            #expect(gauge.snapshot.starts == 2 && gauge.snapshot.most == 1)
            #expect(gauge.lock.withLock { gauge.holder } != first)
            await standby.triggerGracefulShutdown()
            try await group.waitForAll()
        }
    }
}

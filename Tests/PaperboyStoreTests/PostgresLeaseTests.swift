import Foundation
import Logging
import PaperboyCore
import PaperboyLifecycle
import ServiceLifecycle
import Testing
@testable import PaperboyStorePostgres

/// The singletons' leases on PostgreSQL: a session advisory lock on a dedicated connection. One holder at a time,
/// other names and other databases are other leases, and a holder that dies (`kill -9`) frees its lease at once.
@Suite("PostgreSQL leases")
struct PostgresLeaseTests {
    func leases(on url: PostgresURL) -> PostgresLeases {
        PostgresLeases(database: PostgresTestServer.pool(url, connections: 1))
    }

    @Test(.enabled(if: PostgresTestServer.isRequested, PostgresTestServer.skipReason))
    func aLeaseHasOneHolderAtATimeAndPassesOnWhenReleased() async throws {
        let url = try await PostgresTestServer.freshDatabase()
        let a = leases(on: url), b = leases(on: url)
        let first = try #require(try await a.tryAcquire("embedder"))
        #expect(try await b.tryAcquire("embedder") == nil)
        #expect(try await a.tryAcquire("embedder") == nil)      // a second acquisition in one process is excluded too
        let other = try await b.tryAcquire("digests")            // other names are other leases
        #expect(other != nil)
        await first.release()
        let second = try #require(try await b.tryAcquire("embedder"))
        await second.release()
        await other?.release()
        // Advisory locks are per database: another site on the same server has its own leases.
        let elsewhere = leases(on: try await PostgresTestServer.freshDatabase())
        let mine = try #require(try await a.tryAcquire("harvest"))
        let theirs = try await elsewhere.tryAcquire("harvest")
        #expect(theirs != nil)
        await theirs?.release()
        await mine.release()
    }

    @Test(.enabled(if: PostgresTestServer.isRequested, PostgresTestServer.skipReason))
    func aKilledHoldersLeaseIsFreeAtOnce() async throws {
        let url = try await PostgresTestServer.freshDatabase()
        let leases = leases(on: url)
        // Another process holds the lease, as a second `paperboy serve` would: psql, idle on its session after
        // taking the lock (as a lease's connection is), then kill -9. (A backend busy in a query would not notice
        // its client's death until the query ends; an idle one does at once.)
        let holder = Process()
        let input = Pipe()
        holder.executableURL = URL(fileURLWithPath: "/usr/lib/postgresql/15/bin/psql")
        holder.arguments = [url.libpqConnectionString, "-qAt"]
        holder.standardInput = input
        // psql says when it has the lock (no polling deadline: it can take seconds to start on a busy machine).
        let output = Pipe()
        holder.standardOutput = output
        try holder.run()
        input.fileHandleForWriting.write(Data("SELECT pg_advisory_lock(\(PostgresLeases.key("harvest")));\n\\echo held\n".utf8))
        var said = ""
        while !said.contains("held") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }   // psql exited
            said += String(decoding: chunk, as: UTF8.self)
        }
        #expect(said.contains("held"), "the other process never took the lease: \(said)")
        #expect(try await leases.tryAcquire("harvest") == nil)
        kill(holder.processIdentifier, SIGKILL)
        holder.waitUntilExit()
        var taken: (any HeldLease)?
        for _ in 0..<100 where taken == nil {
            taken = try await leases.tryAcquire("harvest")
            if taken == nil { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(taken != nil, "the lease was not freed when its holder died")
        await taken?.release()
    }

    /// Counts how many copies of a service run at once.
    final class Gauge: @unchecked Sendable {
        let lock = NSLock()
        var running = 0, most = 0, starts = 0
        var holder = -1
        func enter(_ id: Int) { lock.withLock { running += 1; starts += 1; most = max(most, running); holder = id } }
        func leave() { lock.withLock { running -= 1 } }
        var snapshot: (running: Int, most: Int, starts: Int, holder: Int) { lock.withLock { (running, most, starts, holder) } }
    }

    struct Job: Service {
        let gauge: Gauge
        let id: Int
        func run() async throws {
            gauge.enter(id)
            defer { gauge.leave() }
            try? await gracefulShutdown()
        }
    }

    @Test(.enabled(if: PostgresTestServer.isRequested, PostgresTestServer.skipReason))
    func twoInstancesRunTheSingletonOnceAndTheStandbyTakesOver() async throws {
        let url = try await PostgresTestServer.freshDatabase()
        let gauge = Gauge()
        let logger = Logger(label: "test")
        func instance(_ id: Int) -> ServiceGroup {
            ServiceGroup(configuration: .init(
                services: [.init(service: LeasedService(Job(gauge: gauge, id: id), lease: "digests", leases: leases(on: url),
                                                        retryInterval: .milliseconds(50), logger: logger))],
                logger: logger))
        }
        let instances = [instance(0), instance(1)]
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in instances { group.addTask { try await i.run() } }
            for _ in 0..<200 where gauge.snapshot.starts == 0 { try await Task.sleep(for: .milliseconds(10)) }
            try await Task.sleep(for: .milliseconds(300))
            #expect(gauge.snapshot.running == 1 && gauge.snapshot.starts == 1)
            // The holder shuts down (a deploy stops it): the standby takes the lease and runs.
            let first = gauge.snapshot.holder
            await instances[first].triggerGracefulShutdown()
            for _ in 0..<300 where gauge.snapshot.starts < 2 { try await Task.sleep(for: .milliseconds(10)) }
            #expect(gauge.snapshot.starts == 2 && gauge.snapshot.most == 1 && gauge.snapshot.holder == 1 - first)
            await instances[1 - first].triggerGracefulShutdown()
            try await group.waitForAll()
        }
    }

    @Test func anUnreachableServerIsAClearErrorWithinTheTimeout() async throws {
        let started = Date()
        await #expect {
            _ = try await PostgresDatabase.open(url: "postgres://nobody@127.0.0.1:1/none", connectTimeout: .seconds(2),
                                                logger: PostgresTestServer.logger)
        } throws: { error in
            guard let error = error as? PaperboyError else { return false }
            return error.code == .storage && error.message.contains("Cannot connect to PostgreSQL at postgres://nobody@127.0.0.1:1/none")
        }
        // Loose on purpose: the suite runs many tests in parallel on two cores, so a refused connection can wait
        // for a thread for many seconds. What is tested is that it ends with the reason; the pool alone would wait
        // for a connection forever.
        #expect(Date().timeIntervalSince(started) < 120)
    }
}

extension PostgresURL {
    /// The URL in the form psql takes (`postgresql://user@host:port/db?sslmode=…`).
    var libpqConnectionString: String {
        let auth = username + (password.map { ":\($0)" } ?? "")
        if let socketDirectory { return "postgresql://\(auth)@/\(database)?host=\(socketDirectory)&port=\(port)" }
        return "postgresql://\(auth)@\(host ?? "localhost"):\(port)/\(database)?sslmode=\(tls.rawValue)"
    }
}

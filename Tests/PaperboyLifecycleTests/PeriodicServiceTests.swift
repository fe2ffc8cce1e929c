import Foundation
import Logging
import PaperboyLifecycle
import Synchronization
import Testing

@Suite struct PeriodicServiceTests {
    /// Records the waits it is asked for and stops the loop after `limit` of them.
    final class ScriptedSleep: Sendable {
        let waits = Mutex<[Duration]>([])
        let limit: Int
        init(limit: Int) { self.limit = limit }

        func sleep(_ d: Duration) throws {
            let count = waits.withLock { $0.append(d); return $0.count }
            if count > limit { throw CancellationError() }
        }
    }

    struct Boom: Error {}

    @Test func passesRunBetweenWaitsAndFailuresWaitTheRetryInterval() async {
        let sleep = ScriptedSleep(limit: 3)
        let passes = Mutex(0)
        let service = PeriodicService(name: "test", interval: .seconds(30), retryInterval: .seconds(5), jitter: 0,
                                      logger: Logger(label: "test"), sleep: { try sleep.sleep($0) }) {
            let n = passes.withLock { $0 += 1; return $0 }
            if n == 2 { throw Boom() }
            return n == 3 ? .seconds(1) : nil
        }
        await service.loop()
        #expect(passes.withLock { $0 } == 3)
        // First wait (not run at start), then 30 s after a good pass, 5 s after the failed one, 1 s as asked.
        #expect(sleep.waits.withLock { $0 } == [.seconds(30), .seconds(30), .seconds(5), .seconds(1)])
    }

    @Test func runAtStartSkipsTheFirstWaitAndJitterOnlyLengthens() async {
        let sleep = ScriptedSleep(limit: 20)
        let passes = Mutex(0)
        let service = PeriodicService(name: "test", interval: .seconds(10), jitter: 0.5, runAtStart: true,
                                      logger: Logger(label: "test"), sleep: { try sleep.sleep($0) }) {
            passes.withLock { $0 += 1 }
            return nil
        }
        await service.loop()
        let waits = sleep.waits.withLock { $0 }
        #expect(passes.withLock { $0 } == 21, "a pass before the first wait")
        #expect(waits.allSatisfy { $0 >= .seconds(10) && $0 < .seconds(15) })
        #expect(Set(waits).count > 1, "jitter varies the waits")
    }

    /// The wait is an hour: the loop can only end within the time limit if cancellation ends the wait.
    @Test(.timeLimit(.minutes(1))) func cancellationEndsAWait() async throws {
        let passes = Mutex(0)
        let service = PeriodicService(name: "test", interval: .seconds(3600), logger: Logger(label: "test")) {
            passes.withLock { $0 += 1 }
            return nil
        }
        let task = Task { await service.loop() }
        try await Task.sleep(for: .milliseconds(50))
        task.cancel()
        await task.value
        #expect(passes.withLock { $0 } == 0, "no pass ran: the first wait was cut short")
    }
}

import Foundation
import PaperboyCore
import Testing
@testable import PaperboyIngest

/// Spacing, backoff and response checks, on a virtual clock: nothing here sleeps.
@Suite("arXiv politeness and robustness")
struct PolitenessTests {
    static let ok = FetchedResponse.xml("<feed xmlns=\"http://www.w3.org/2005/Atom\"/>")

    @Test func arxivHostsAreSpacedAtLeastThreeSecondsWhateverIsConfigured() async throws {
        let clock = VirtualClock()
        for configured: Duration in [.zero, .milliseconds(500), .seconds(3)] {
            let gate = PolitenessGate(delay: configured, clock: clock)
            #expect(gate.delay(for: "export.arxiv.org") == .seconds(3))
            #expect(gate.delay(for: "ARXIV.ORG") == .seconds(3))
            #expect(gate.delay(for: "127.0.0.1") == configured)
            #expect(gate.delay(for: "notarxiv.org") == configured)
        }
        #expect(PolitenessGate(delay: .seconds(10), clock: clock).delay(for: "oaipmh.arxiv.org") == .seconds(10))

        var settings = testSettings(URL(string: "https://export.arxiv.org")!)
        settings.delay = .milliseconds(100)   // configured lower than arXiv allows
        let fetcher = ScriptedFetcher(clock: clock, Array(repeating: .success(Self.ok), count: 6))
        let http = PoliteFetcher(settings: settings, fetcher: fetcher, clock: clock)
        for i in 0..<6 { _ = try await http.fetchXML(URL(string: "https://export.arxiv.org/api/query?start=\(i)")!, what: "page") }
        let starts = fetcher.requests.map(\.at)
        #expect(starts.count == 6)
        for (a, b) in zip(starts, starts.dropFirst()) { #expect(b - a >= .seconds(3), "\(a) → \(b)") }
        #expect(starts.last! - starts.first! == .seconds(15), "no more waiting than needed")
        #expect(fetcher.requests.allSatisfy { $0.headers["User-Agent"]?.contains("mailto:tests@example.org") == true })
    }

    @Test func otherHostsUseTheConfiguredDelayAndHostsAreIndependent() async throws {
        let clock = VirtualClock()
        var settings = testSettings()
        settings.delay = .milliseconds(200)
        let fetcher = ScriptedFetcher(clock: clock, Array(repeating: .success(Self.ok), count: 4))
        let http = PoliteFetcher(settings: settings, fetcher: fetcher, clock: clock)
        _ = try await http.fetchXML(URL(string: "http://127.0.0.1:1/a")!, what: "a")
        _ = try await http.fetchXML(URL(string: "http://127.0.0.1:1/b")!, what: "b")
        _ = try await http.fetchXML(URL(string: "http://localhost:1/c")!, what: "c")
        let at = fetcher.requests.map(\.at)
        #expect(at[1] - at[0] == .milliseconds(200))
        #expect(at[2] == at[1], "another host does not wait for this one")
    }

    @Test func throttlingIsRetriedWithBackoffAndRetryAfter() async throws {
        let clock = VirtualClock()
        let fetcher = ScriptedFetcher(clock: clock, [
            .success(FetchedResponse(status: 429, headers: ["retry-after": "7"])),
            .success(FetchedResponse(status: 503, headers: [:])),
            .success(Self.ok),
        ])
        var settings = testSettings()
        settings.maxAttempts = 5
        settings.backoffBase = .seconds(1)
        settings.maxBackoff = .seconds(60)
        let http = PoliteFetcher(settings: settings, fetcher: fetcher, clock: clock, jitter: { $0 / 2 })
        let body = try await http.fetchXML(URL(string: "http://127.0.0.1:1/x")!, what: "x")
        #expect(body == Self.ok.body)
        let at = fetcher.requests.map(\.at)
        #expect(at.count == 3)
        #expect(at[1] - at[0] == .seconds(7), "Retry-After (7 s) beats the first backoff step (1.5 s)")
        #expect(at[2] - at[1] == .milliseconds(2500), "second step: 2 s + 0.5 s jitter")
    }

    @Test func backoffGrowsExponentiallyWithBoundedJitter() {
        var settings = testSettings()
        settings.backoffBase = .seconds(2)
        settings.maxBackoff = .seconds(30)
        let http = PoliteFetcher(settings: settings, fetcher: ScriptedFetcher(clock: VirtualClock(), []), clock: VirtualClock())
        #expect(http.backoff(after: 1, retryAfter: nil) >= .seconds(2) && http.backoff(after: 1, retryAfter: nil) <= .seconds(4))
        #expect(http.backoff(after: 3, retryAfter: nil) >= .seconds(8) && http.backoff(after: 3, retryAfter: nil) <= .seconds(10))
        #expect(http.backoff(after: 10, retryAfter: nil) == .seconds(30))
        #expect(http.backoff(after: 1, retryAfter: .seconds(100)) == .seconds(100))
        #expect(http.backoff(after: 1, retryAfter: .seconds(99_999)) == settings.maxRetryAfter)
        #expect(PoliteFetcher.retryAfter("120") == .seconds(120) && PoliteFetcher.retryAfter("soon") == nil)
    }

    @Test func givingUpIsAnUnavailableError() async throws {
        let clock = VirtualClock()
        let fetcher = ScriptedFetcher(clock: clock, [.failure(.timeout), .failure(.transport("reset")), .failure(.timeout)])
        let http = PoliteFetcher(settings: testSettings(), fetcher: fetcher, clock: clock)
        let error = await #expect(throws: PaperboyError.self) { try await http.fetchXML(URL(string: "http://127.0.0.1:1/x")!, what: "x") }
        #expect(error?.code == .unavailable && error?.message.contains("3 times") == true)
        #expect(fetcher.requests.count == 3)

        let impatient = ScriptedFetcher(clock: clock, [.failure(.timeout), .failure(.timeout), .failure(.timeout)])
        let api = ArxivAPIClient.interactive(http: PoliteFetcher(settings: testSettings(), fetcher: impatient, clock: clock))
        await #expect(throws: PaperboyError.self) { try await api.records(ids: [try ArxivID(parsing: "2405.15738")]) }
        #expect(impatient.requests.count == 2, "someone is waiting: two tries, not the harvest's five")
    }

    @Test func unusableAnswersAreUpstreamErrorsWithoutRetries() async throws {
        let cases: [(String, ScriptedFetcher.Answer)] = [
            ("html", .success(.xml("<html/>", type: "text/html"))),
            ("404", .success(.xml("", status: 404))),
            ("too large", .failure(.tooLarge(limit: 1 << 20))),
            ("empty", .success(.xml(""))),
        ]
        for (name, answer) in cases {
            let clock = VirtualClock()
            let fetcher = ScriptedFetcher(clock: clock, [answer])
            let http = PoliteFetcher(settings: testSettings(), fetcher: fetcher, clock: clock)
            let error = await #expect(throws: PaperboyError.self, "\(name)") {
                try await http.fetchXML(URL(string: "http://127.0.0.1:1/x")!, what: "x")
            }
            #expect(error?.code == .upstream, "\(name)")
            #expect(fetcher.requests.count == 1, "\(name)")
        }
    }
}

import Foundation
import Hummingbird
import HummingbirdTesting
import PaperboyCore
import PaperboyStore
import Testing
@testable import PaperboyWeb

@Suite struct MetricsTests {
    @Test func requestsAreCountedByRoutePatternAndStatus() async throws {
        try await WebFixture.withApp { client in
            for id in ["2506.00001", "2506.00002", "2506.00003"] {
                try await client.execute(uri: "/papers/\(id)", method: .get) { #expect($0.status == .ok) }
            }
            try await client.execute(uri: "/papers/2599.99999", method: .get) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/no/such/route", method: .get) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/metrics", method: .get) { r in
                #expect(r.status == .ok && r.headers[.contentType]?.hasPrefix("text/plain") == true)
                let text = r.text
                #expect(text.contains(#"http_request_duration_seconds_count{route="/papers/{id}",status="200"} 3"#), "\(text.prefix(3000))")
                #expect(text.contains(#"http_request_duration_seconds_count{route="/papers/{id}",status="404"} 1"#))
                #expect(text.contains(#"route="NotFound",status="404""#))
                #expect(!text.contains("2506.00001"), "no series per paper id")
                #expect(text.contains("paperboy_papers 4"))
                #expect(text.contains("process_resident_memory_bytes "))
                #expect(text.contains("http_requests_in_flight 1"), "the scrape itself is in flight")
            }
        }
    }

    @Test func digestProgressOfTheCurrentPeriodIsExported() async throws {
        let site = try await TestSite.make()
        let delivery = site.stores.delivery
        let today = Day(secondsSinceEpoch: WebFixture.clock.timeIntervalSince1970)
        let period = DigestPeriod.current(.daily, on: today).key
        let lease = DigestLease(owner: "test-sender", expiresAt: WebFixture.clock.addingTimeInterval(600))
        for (i, email) in ["a@example.org", "b@example.org", "c@example.org"].enumerated() {
            _ = try await delivery.addConfirmed(email: email, frequency: .daily, now: WebFixture.clock)
            #expect(try await delivery.claimDigest(email: email, period: period, lease: lease, now: WebFixture.clock))
            if i < 2 { try await delivery.completeDigest(email: email, period: period, messageID: "<m\(i)@x>", now: WebFixture.clock) }
        }
        // An older period does not count.
        _ = try await delivery.claimDigest(email: "a@example.org", period: "daily:2020-01-01", lease: lease, now: WebFixture.clock)
        try await site.withApp { client in
            try await client.execute(uri: "/metrics", method: .get) { r in
                let text = r.text
                #expect(text.contains(#"paperboy_digest_messages{frequency="daily",status="sent"} 2"#), "\(text)")
                #expect(text.contains(#"paperboy_digest_messages{frequency="daily",status="sending"} 1"#))
                #expect(text.contains(#"paperboy_digest_messages{frequency="weekly",status="sent"} 0"#))
            }
        }
    }
}

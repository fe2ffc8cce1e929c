import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import PaperboyWeb

@Suite("JSON API")
struct APITests {
    @Test func dailyPapersForADayKeepListOrder() async throws {
        try await WebFixture.withApp { client in
            try await client.execute(uri: "/api/daily_papers?date=2025-06-02", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.headers[.contentType] == "application/json; charset=utf-8")
                let list = try #require(try r.json() as? [[String: Any]])
                #expect(list.count == 2)
                let papers = list.compactMap { $0["paper"] as? [String: Any] }
                #expect(papers.map { $0["id"] as? String } == ["2506.00001", "2506.00002"])
                #expect(papers.map { $0["upvotes"] as? Int } == [10, 30])
                #expect(list[0]["title"] as? String == "Sparse attention <b>kernels</b> & more")
                #expect(list[0]["numComments"] as? Int == 3)
                let submitter = try #require(list[0]["submittedBy"] as? [String: Any])
                #expect(submitter["user"] as? String == "akhaliq" && submitter["name"] as? String == "akhaliq")
                let authors = try #require(papers[0]["authors"] as? [[String: Any]])
                #expect(authors.map { $0["name"] as? String } == ["Ada Lovelace", "Alan Turing", "Grace Hopper", "Edsger Dijkstra"])
                #expect(papers[0]["publishedAt"] as? String == "2025-06-01T00:00:00.000Z")
                #expect(papers[0]["ai_keywords"] as? [String] == ["sparsity"])
            }
        }
    }

    @Test func weeksMonthsSubmittersSortsAndPages() async throws {
        try await WebFixture.withApp { client in
            func ids(_ uri: String) async throws -> [String] {
                try await client.execute(uri: uri, method: .get) { r in
                    #expect(r.status == .ok, "\(uri)")
                    let list = try #require(try r.json() as? [[String: Any]])
                    return list.compactMap { ($0["paper"] as? [String: Any])?["id"] as? String }
                }
            }
            #expect(try await ids("/api/daily_papers?week=2025-W23") == ["2506.00003", "2506.00001", "2506.00002"])
            #expect(try await ids("/api/daily_papers?month=2025-06") == ["2506.00004", "2506.00003", "2506.00001", "2506.00002"])
            #expect(try await ids("/api/daily_papers?submitter=akhaliq") == ["2506.00003", "2506.00001"])
            #expect(try await ids("/api/daily_papers?limit=2&p=1") == ["2506.00001", "2506.00002"])
            #expect(try await ids("/api/daily_papers?limit=2&p=5") == [])
            let trending = try await ids("/api/daily_papers?sort=trending")
            #expect(trending == ["2506.00004"])
            #expect(try await ids("/api/daily_papers?sort=trending&week=2025-W23") == ["2506.00002", "2506.00003", "2506.00001"])  // 31/206^1.5 > 21/193^1.5 > 11/206^1.5
            #expect(try await ids("/api/daily_papers?sort=publishedAt&date=2025-06-03") == ["2506.00003"])
        }
    }

    @Test func badParametersAreJSON400s() async throws {
        try await WebFixture.withApp { client in
            for query in ["date=2025-13-40", "limit=0", "limit=1000", "limit=abc", "sort=popular", "p=-1", "week=2025-W60",
                          "month=2025-13", "date=2025-06-02&week=2025-W23", "submitter=%3Cscript%3E", "date="] {
                try await client.execute(uri: "/api/daily_papers?\(query)", method: .get) { r in
                    #expect(r.status == .badRequest, "\(query)")
                    #expect(r.headers[.contentType] == "application/json; charset=utf-8")
                    let body = try #require(try r.json() as? [String: Any], "\(query)")
                    #expect((body["error"] as? String)?.isEmpty == false, "\(query)")
                }
            }
        }
    }

    @Test func paperEndpointAndNotFound() async throws {
        try await WebFixture.withApp { client in
            try await client.execute(uri: "/api/papers/2506.00003", method: .get) { r in
                #expect(r.status == .ok)
                let p = try #require(try r.json() as? [String: Any])
                #expect(p["id"] as? String == "2506.00003")
                #expect(p["title"] as? String == "Third paper")
                #expect(p["upvotes"] as? Int == 20)
                #expect(p["numComments"] as? Int == 3)
                #expect(p["submittedOnDailyAt"] as? String == "2025-06-03T01:00:00.000Z")
                #expect((p["submittedOnDailyBy"] as? [String: Any])?["user"] as? String == "akhaliq")
                #expect(p["categories"] as? [String] == ["cs.CL"])
            }
            for uri in ["/api/papers/2506.99999", "/api/papers/junk", "/api/nothing"] {
                try await client.execute(uri: uri, method: .get) { r in
                    #expect(r.status == .notFound, "\(uri)")
                    let body = try #require(try r.json() as? [String: Any])
                    #expect(body["error"] is String)
                }
            }
        }
    }
}

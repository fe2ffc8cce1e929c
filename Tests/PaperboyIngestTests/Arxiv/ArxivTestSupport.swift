import Foundation
import Hummingbird
import HTTPTypes
import HummingbirdTesting
import Logging
import PaperboyCore
import PaperboyStore
import GRDB
@testable import PaperboyIngest

/// A clock that never sleeps: `sleep` moves virtual time forward and records how long it was asked to wait.
final class VirtualClock: PoliteClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Duration = .seconds(1000)
    private var slept: [Duration] = []

    func now() -> Duration { lock.withLock { current } }

    func sleep(for duration: Duration) async throws {
        try Task.checkCancellation()
        lock.withLock {
            slept.append(duration)
            current += duration
        }
    }

    var sleeps: [Duration] { lock.withLock { slept } }
}

/// An ``HTTPFetcher`` that answers from a script and records when (virtual time) each request started.
final class ScriptedFetcher: HTTPFetcher, @unchecked Sendable {
    typealias Answer = Result<FetchedResponse, FetchFailure>
    private let lock = NSLock()
    private var script: [Answer]
    private var log: [(url: URL, headers: [String: String], at: Duration)] = []
    let clock: VirtualClock

    init(clock: VirtualClock, _ script: [Answer]) {
        self.clock = clock
        self.script = script
    }

    func get(_ url: URL, headers: [String: String], timeout: Duration, maxBytes: Int) async throws -> FetchedResponse {
        let answer: Answer = lock.withLock {
            log.append((url, headers, clock.now()))
            return script.isEmpty ? .success(FetchedResponse(status: 200, headers: ["content-type": "application/xml"],
                                                             body: Data("<feed xmlns=\"http://www.w3.org/2005/Atom\"/>".utf8)))
                : script.removeFirst()
        }
        return try answer.get()
    }

    var requests: [(url: URL, headers: [String: String], at: Duration)] { lock.withLock { log } }
}

extension FetchedResponse {
    static func xml(_ body: String, status: Int = 200, type: String = "application/atom+xml; charset=utf-8") -> FetchedResponse {
        FetchedResponse(status: status, headers: ["content-type": type], body: Data(body.utf8))
    }
}

/// Settings for tests: no spacing, tiny backoff steps, fast give-up.
func testSettings(_ base: URL = URL(string: "http://127.0.0.1:1")!) -> ArxivSettings {
    var s = ArxivSettings()
    s.apiURL = base.appendingPathComponent("api/query")
    s.oaiURL = base.appendingPathComponent("oai")
    s.rssURL = base.appendingPathComponent("rss")
    s.delay = .zero
    s.backoffBase = .milliseconds(10)
    s.maxBackoff = .milliseconds(100)
    s.maxAttempts = 3
    s.timeout = .seconds(5)
    s.contactEmail = "tests@example.org"
    return s
}

/// A fresh migrated SQLite paper store in memory.
func memorySQLiteStore() throws -> SQLitePaperStore {
    SQLitePaperStore(database: try SQLiteDatabase(writer: try DatabaseQueue()))
}

/// Every store of a fresh migrated SQLite database in memory.
func memorySQLiteStores() throws -> Stores {
    Stores.sqlite(try SQLiteDatabase(writer: try DatabaseQueue()))
}

/// Runs `body` against a real HTTP server on 127.0.0.1 (a free port) serving `router`.
func withLocalServer(_ router: Router<BasicRequestContext>, _ body: @Sendable (URL) async throws -> Void) async throws {
    let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                          logger: Logger(label: "test-server"))
    try await app.test(.live) { client in
        guard let port = client.port else { throw PaperboyError(.internal, "the test server has no port") }
        try await body(URL(string: "http://127.0.0.1:\(port)")!)
    }
}

/// Builds OAI-PMH pages (metadataPrefix `arXiv`) for synthetic papers `2611.0xxxx`.
enum OAIPages {
    static func record(_ n: Int) -> String {
        let id = String(format: "2611.%05d", n)
        return """
            <record><header><identifier>oai:arXiv.org:\(id)</identifier><datestamp>2026-11-20</datestamp><setSpec>cs</setSpec></header>
            <metadata><arXiv xmlns="http://arxiv.org/OAI/arXiv/"><id>\(id)</id><created>2026-11-0\(n % 9 + 1)</created>
            <authors><author><keyname>Author\(n)</keyname><forenames>Some</forenames></author></authors>
            <title>Synthetic paper \(n)</title><categories>cs.LG</categories><abstract>  Abstract \(n).
            </abstract></arXiv></metadata></record>
            """
    }

    static func page(_ numbers: Range<Int>, token: String?, total: Int) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2026-11-20T10:00:00Z</responseDate>
        <request verb="ListRecords">http://127.0.0.1/oai</request><ListRecords>
        \(numbers.map(record).joined(separator: "\n"))
        \(token.map { "<resumptionToken cursor=\"\(numbers.lowerBound)\" completeListSize=\"\(total)\">\($0)</resumptionToken>" } ?? "<resumptionToken completeListSize=\"\(total)\"/>")
        </ListRecords></OAI-PMH>
        """
    }

    static func error(_ code: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2026-11-20T10:00:00Z</responseDate>
        <error code="\(code)">\(code)</error></OAI-PMH>
        """
    }
}

/// Builds Atom API pages for synthetic papers `2611.1xxxx`.
enum APIPages {
    static func page(_ numbers: Range<Int>, total: Int, start: Int) -> String {
        let entries = numbers.map { n in
            """
            <entry><id>http://arxiv.org/abs/\(String(format: "2611.1%04d", n))v1</id><updated>2026-11-02T10:00:00Z</updated>
            <published>2026-11-02T10:00:00Z</published><title>API paper \(n)</title><summary>About \(n).</summary>
            <author><name>Writer \(n)</name><arxiv:affiliation xmlns:arxiv="http://arxiv.org/schemas/atom">Lab \(n)</arxiv:affiliation></author>
            <arxiv:primary_category xmlns:arxiv="http://arxiv.org/schemas/atom" term="cs.LG"/><category term="cs.LG"/><category term="stat.ML"/></entry>
            """
        }
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">
            <id>http://arxiv.org/api/x</id><updated>2026-11-20T00:00:00-05:00</updated>
            <opensearch:totalResults>\(total)</opensearch:totalResults><opensearch:startIndex>\(start)</opensearch:startIndex>
            <opensearch:itemsPerPage>\(numbers.count)</opensearch:itemsPerPage>
            \(entries.joined(separator: "\n"))
            </feed>
            """
    }
}

/// A response with a body and content type, for test routes.
func reply(_ body: String, status: HTTPResponse.Status = .ok, type: String = "text/xml; charset=utf-8",
           headers: [(String, String)] = []) -> Response {
    var fields: HTTPFields = [.contentType: type]
    for (name, value) in headers { fields[HTTPField.Name(name)!] = value }
    return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: body)))
}

import Foundation
import Hummingbird
import HummingbirdTesting
import PaperboyConfig
import PaperboyCore
import PaperboyStore
import Synchronization
import Testing
@testable import PaperboyWeb

/// A real SQLite database in a temporary directory, with the web fixture's papers, served through the real
/// router with accounts on. Users are made through the store with a precomputed bcrypt hash (cost 10) of
/// ``password`` so tests do not spend seconds hashing; the sign-up test hashes for real.
struct CommunityFixture: Sendable {
    static let password = "correct horse battery"
    static let passwordHash = "$2b$10$Eay/FDJ0IhikhDSJpcSclelR/3sSVBhHMqRHqjPO6q.skZg.Dq7Oq"

    let site: TestSite
    let clock: TestClock
    var papers: any PaperStore { site.stores.papers }
    var community: any CommunityStore { site.stores.community }
    var accounts: any AccountStore { site.stores.accounts }
    /// Every store of the fixture's database.
    var stores: Stores { site.stores }

    static func make() async throws -> CommunityFixture {
        let clock = TestClock(WebFixture.clock)
        return CommunityFixture(site: try await TestSite.make(clock: { clock.now }), clock: clock)
    }

    @discardableResult
    func user(_ name: String, moderator: Bool = false) async throws -> User {
        let user = try await accounts.createUser(username: name, email: "\(name.lowercased())@example.org",
                                                  passwordHash: Self.passwordHash, at: clock.now)
        if moderator { try await accounts.setModerator(userID: user.id, true) }
        return user
    }

    /// Runs `body` against the app built on this fixture (`configure` adjusts its settings first).
    func withApp(live: Bool = false, configure: (inout AppConfiguration) -> Void = { _ in },
                 _ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        var site = site
        configure(&site.configuration)
        try await site.withApp(live: live, body)
    }
}

/// A settable clock.
final class TestClock: Sendable {
    private let box: Mutex<Date>
    init(_ date: Date) { box = Mutex(date) }
    var now: Date { box.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { box.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

/// A cookie-keeping client: like a browser without JavaScript.
final class Browser: Sendable {
    let client: any TestClientProtocol
    private let jar = Mutex<[String: String]>([:])

    init(_ client: any TestClientProtocol) { self.client = client }

    struct Page {
        var status: HTTPResponse.Status
        var headers: HTTPFields
        var text: String
        var location: String? { headers[.location] }
        /// The first CSRF token in a form on the page.
        var csrf: String? {
            guard let r = text.range(of: "name=\"_csrf\" value=\"") else { return nil }
            let rest = text[r.upperBound...]
            return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
        }
    }

    var sessionID: String? { jar.withLock { $0[SessionLayer.cookieName] } }

    func setCookie(_ name: String, _ value: String) { jar.withLock { $0[name] = value } }

    @discardableResult
    func get(_ uri: String, headers: HTTPFields = [:]) async throws -> Page {
        try await send(uri, method: .get, headers: headers, body: nil)
    }

    /// POSTs `fields` as a form (include `_csrf` yourself: tests of refusals leave it out).
    @discardableResult
    func post(_ uri: String, _ fields: [(String, String)], headers: HTTPFields = [:]) async throws -> Page {
        let body = fields.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        var headers = headers
        headers[.contentType] = "application/x-www-form-urlencoded"
        return try await send(uri, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    func send(_ uri: String, method: HTTPRequest.Method, headers: HTTPFields, body: ByteBuffer?) async throws -> Page {
        var headers = headers
        let cookie = jar.withLock { $0.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        if !cookie.isEmpty { headers[.cookie] = cookie }
        let response = try await client.executeRequest(uri: uri, method: method, headers: headers, body: body)
        for line in response.headers[values: .setCookie] {
            let pair = line.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            let expired = line.contains("Max-Age=0") || line.contains("Expires=Thu, 01 Jan 1970")
            jar.withLock { $0[String(pair[0])] = expired ? nil : String(pair[1]) }
        }
        return Page(status: response.status, headers: response.headers, text: String(buffer: response.body))
    }

    /// Signs in through the form (visiting `/signin` first for the anonymous session's CSRF token).
    @discardableResult
    func signIn(_ login: String, password: String = CommunityFixture.password) async throws -> Page {
        let form = try await get("/signin")
        return try await post("/signin", [("_csrf", form.csrf ?? ""), ("login", login), ("password", password)])
    }

    /// A CSRF token for the current session, read from a page with forms.
    func csrf(from uri: String = "/settings") async throws -> String {
        try #require(try await get(uri).csrf)
    }

    static func encode(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "-._~"))) ?? ""
    }
}

import Foundation
import Hummingbird
import PaperboyCore
import PaperboyDelivery
import PaperboyFeeds
import PaperboyStore

/// The secret URLs of a reader's private "For you" feed: `/feeds/for-you/{token}.atom` and `.rss`.
///
/// The token is a ``TokenSigner`` token (PaperboyDelivery, the signer of mail links, keyed by the site secret
/// `PAPERBOY_SECRET`) of purpose `feed` over the user id and a fixed nonce, with no expiry: unguessable without the
/// secret, bound to one user and useless for anything else (a mail-link purpose never verifies as `feed`, and a
/// feed token grants no API access — unlike an API token, which could upvote and comment). It is the same on every
/// instance and after restarts; changing the site secret revokes every feed link (and every mail link).
struct PrivateFeedLinks: Sendable {
    let signer: TokenSigner
    let baseURL: String
    static let nonce = "for-you-v1"
    static let prefix = "/feeds/for-you"

    struct URLs {
        var atom: String
        var rss: String
    }

    func token(for userID: Int64) -> String {
        signer.sign(.feed, email: String(userID), nonce: Self.nonce)
    }

    func urls(for userID: Int64) -> URLs {
        let base = "\(baseURL)\(Self.prefix)/\(token(for: userID))"
        return URLs(atom: base + ".atom", rss: base + ".rss")
    }

    /// The user a token was made for; `nil` for anything else (forged, another purpose, mangled).
    func userID(from token: String, now: Date) -> Int64? {
        guard let claims = try? signer.verify(token, purpose: .feed, now: now), claims.nonce == Self.nonce else {
            return nil
        }
        return Int64(claims.email)
    }
}

/// `GET /feeds/for-you/{token}.atom|.rss`: the reader's recommendations of the last 7 days up to the site's newest
/// day (as `/api/recommendations` by default), each entry's summary starting with its why-line. For feed readers,
/// which carry no cookie: the token in the path is the credential. A wrong token answers 404, as an unknown page
/// would. `private, no-cache` (with an ETag): never in a shared cache, never in the answer cache (the path is not
/// a cacheable route).
struct PrivateFeedController<Context: RequestContext>: Sendable {
    let links: PrivateFeedLinks
    let ranking: ForYouRanking
    let accounts: any AccountStore
    let clock: Now
    static var size: Int { 30 }

    func register(on router: Router<Context>) {
        router.get("\(PrivateFeedLinks.prefix)/:file") { request, context in
            try await self.feed(request, file: context.parameters.require("file"))
        }
    }

    func feed(_ request: Request, file: String) async throws -> Response {
        let notFound = PaperboyError.notFound("No such feed.")
        guard let dot = file.lastIndex(of: "."), case let format = String(file[file.index(after: dot)...]),
              format == "atom" || format == "rss" else { throw notFound }
        let token = String(file[..<dot])
        guard let userID = links.userID(from: token, now: clock()), let user = try await accounts.user(id: userID) else {
            throw notFound
        }
        let writer = FeedsController<Context>(papers: ranking.papers, catalog: nil, clock: clock, baseURL: links.baseURL)
        var entries: [FeedEntry] = []
        if let today = try await ranking.today() {
            let signals = try await ranking.signals(for: user)
            let ranked = try await ranking.rank(signals, in: try ForYouRanking.lastWeek(endingOn: today), limit: Self.size)
            entries = ranked.items.map { item in
                var entry = writer.entry(paper: item.detail.paper, upvotes: item.detail.upvotes,
                                         featured: item.detail.entries.first?.submittedAt)
                entry.summary = item.recommendation.reason.text + ". " + entry.summary
                return entry
            }
        }
        let urls = links.urls(for: userID)
        let feed = FeedDocument(
            title: "For \(user.username) · Paperboy", subtitle: "Papers of the last 7 days, ranked for \(user.username).",
            selfURL: format == "rss" ? urls.rss : urls.atom, siteURL: "\(links.baseURL)\(ForYouController.path)",
            id: "\(links.baseURL)\(PrivateFeedLinks.prefix)/\(userID)", updated: entries.map(\.updated).max() ?? Date(timeIntervalSince1970: 0),
            items: entries)
        var response = writer.respond(request, format, feed)
        response.headers[.cacheControl] = "private, no-cache"
        return response
    }
}

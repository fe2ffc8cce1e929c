import Foundation
import PaperboyCatalog
import PaperboyConfig
import PaperboyCore
import PaperboyIngest
import PaperboyStore

/// What the app is built from: ``buildApplication(configuration:seams:)`` makes it, `buildRouter` hands each
/// controller the one or two parts it uses (controllers never see this value).
public struct AppDependencies: Sendable {
    public var store: any PaperStore
    /// Lexical search over the store; `nil` serves the site without search (the page says so).
    public var catalog: SearchCatalog?
    /// The clock ("now"), injectable for tests.
    public var clock: @Sendable () -> Date
    /// Subscriptions and mail; `nil` serves the site without them (the subscribe page says so).
    public var delivery: DeliveryDependencies?
    /// Absolute URL of the site, for links in feeds and mails (`PAPERBOY_BASE_URL`).
    public var baseURL: String
    /// Brings papers in by arXiv id (`POST /api/papers/index`); `nil` turns that endpoint off (503).
    public var submitter: (any PaperSubmitting)?
    /// Votes, comments, submissions…; `nil` serves a read-only site (no sign-in, no community routes).
    public var community: (any CommunityStore)?
    /// Users, credentials, sessions and API tokens; the community routes need it beside ``community``.
    public var accounts: (any AccountStore)?
    /// bcrypt for passwords (cost ≥ 10).
    public var passwords: PasswordHasher
    /// Fetches papers the store does not know yet when someone submits them; `nil` = submissions of unknown
    /// papers are refused with a clear message.
    public var fetcher: (any PaperFetcher)?
    /// Mark session cookies `Secure` (set when the site is served over TLS, e.g. behind a proxy).
    public var secureCookies: Bool
    /// Load balancers whose `X-Forwarded-For` names the client (``ClientAddressMiddleware``).
    public var trustedProxies: Set<String> = []
    /// Bytes the page and API answer cache may hold (``ResponseCache``); 0 turns it off.
    public var cacheBytes = AppConfiguration.defaultCacheMB << 20
    /// The backend's kind, as `/healthz` reports it: `sqlite` or `postgres`.
    public var databaseKind = SiteDatabase.Kind.sqlite.rawValue
    /// "For you": the app's one ``Recommender`` and the stores it reads; `nil` serves the site without it.
    public var forYou: ForYouRanking?

    public init(store: any PaperStore, catalog: SearchCatalog? = nil, clock: @escaping @Sendable () -> Date = { Date() },
                community: (any CommunityStore)? = nil, accounts: (any AccountStore)? = nil, passwords: PasswordHasher = PasswordHasher(),
                fetcher: (any PaperFetcher)? = nil, secureCookies: Bool = false,
                delivery: DeliveryDependencies? = nil, baseURL: String = "http://127.0.0.1:8080",
                submitter: (any PaperSubmitting)? = nil) {
        self.store = store
        self.catalog = catalog
        self.clock = clock
        self.community = community
        self.accounts = accounts
        self.passwords = passwords
        self.fetcher = fetcher
        self.secureCookies = secureCookies
        self.delivery = delivery
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.submitter = submitter
    }
}

/// Makes a paper the store does not know yet known (e.g. fetched from the arXiv API and stored), so it can be
/// submitted. The ingestion module provides one; the web layer only sees this seam.
public protocol PaperFetcher: Sendable {
    /// Fetches and stores `id`; returns the stored paper's id, or `nil` when arXiv does not know the paper.
    func fetchAndStore(_ id: ArxivID) async throws -> PaperID?
}

/// The submit page's seam served by the arXiv API client (PaperboyIngest).
extension ArxivPaperFetcher: PaperFetcher {}

/// "Now", injectable for tests.
typealias Now = @Sendable () -> Date

/// Marks the cards a signed-in viewer has upvoted, read or said "not interested" to: the community reads every list
/// page needs (votes are public counts; the reader marks are private and shown to that reader only).
struct UpvoteMarks: Sendable {
    let community: (any CommunityStore)?

    /// `cards` with `upvoted` and `marks` set for `viewer`.
    func mark(_ cards: [PaperCardView], by viewer: User?) async throws -> [PaperCardView] {
        guard viewer != nil, !cards.isEmpty else { return cards }
        let ids = cards.map { PaperID(unchecked: $0.id) }
        async let upvotedIDs = upvoted(ids, by: viewer)
        async let markedIDs = marks(ids, by: viewer)
        let (mine, marks) = try await (upvotedIDs, markedIDs)
        return cards.map { card in
            var card = card
            let id = PaperID(unchecked: card.id)
            card.upvoted = mine.contains(id)
            card.marks = marks[id] ?? []
            return card
        }
    }

    /// Which of `ids` `viewer` has upvoted (none for anonymous visitors or a read-only site).
    func upvoted(_ ids: [PaperID], by viewer: User?) async throws -> Set<PaperID> {
        guard let viewer, let community, !ids.isEmpty else { return [] }
        return try await community.upvoted(userID: viewer.id, among: ids)
    }

    /// `viewer`'s private marks on any of `ids` (none for anonymous visitors or a read-only site).
    func marks(_ ids: [PaperID], by viewer: User?) async throws -> [PaperID: Set<PaperMark>] {
        guard let viewer, let community, !ids.isEmpty else { return [:] }
        return try await community.marks(userID: viewer.id, among: ids)
    }
}

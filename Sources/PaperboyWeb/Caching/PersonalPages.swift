import Crypto
import Foundation
import Hummingbird
import NIOCore
import PaperboyCore
import PaperboyStore

/// A page whose only per-reader parts are the frame (who is signed in, the CSRF token) and its cards' upvote and
/// reader marks.
protocol CardPage {
    var cards: [PaperCardView] { get set }
}

extension CardPage {
    /// Points every card's mark forms back at `path` (the page they are on).
    mutating func returning(to path: String) {
        for i in cards.indices { cards[i].back = path }
    }
}

/// Signed-in list and search pages from a shared skeleton, so a signed-in morning costs what an anonymous one does.
///
/// The skeleton is the page rendered once per (path, query, data version, moderator or not) with placeholders
/// where the reader's parts go: `pb<nonce>u_` (username), `pb<nonce>c_` (CSRF token), `pb<nonce>o<i>_` and
/// `pb<nonce>p<i>_` (card *i*'s vote class and `aria-pressed`), and card *i*'s reader marks — `r<i>` (the card's
/// `read`/`dismissed` classes), `a<i>`/`b<i>` (the read form's `on` value and label), `n<i>`/`m<i>` (the same for
/// "not interested"). The nonce is random per skeleton, 16 hex digits, so no paper text can forge a placeholder.
/// It is split at the placeholders once, kept in the ``ResponseCache``, and each request concatenates the pieces
/// with this reader's values (HTML-escaped as Mustache would) after two store queries: which of the page's papers
/// they upvoted, and which they marked read or not interested (marks are private: they never reach the skeleton,
/// and they do not move the data version). Answers are `private, no-cache` with an ETag over the filled page,
/// never shared.
struct PersonalPages: Sendable {
    let cache: ResponseCache
    let version: DataVersion
    let pages: PageRenderer
    let upvotes: UpvoteMarks

    func respond<Page: CardPage, Context: CommunityRequestContext>(
        _ template: String, request: Request, context: Context, build: () async throws -> Page
    ) async throws -> Response {
        let back = request.uri.query.map { request.uri.path + "?" + $0 } ?? request.uri.path
        guard let viewer = context.viewer, cache.isEnabled else {
            var page = try await build()
            page.returning(to: back)
            page.cards = try await upvotes.mark(page.cards, by: context.viewer)
            return pages.render(template, page, visitor: context.visitor)
        }
        let variant = viewer.isModerator ? "personal-moderator" : "personal"
        let key = HTTPCachingKey.make(path: request.uri.path, query: request.uri.queryParameters,
                                      version: try await version.current() + "." + variant)
        let skeleton: PageSkeleton
        let claim = await cache.claim(key)
        if case .hit(let hit) = claim, let cached = hit.skeleton {
            skeleton = cached
        } else {
            // Render; when leading, `finish` stores the skeleton and wakes the readers waiting for it.
            var entry: CachedAnswer?
            defer { if case .lead = claim { cache.finish(key, with: entry) } }
            var page = try await build()
            page.returning(to: back)
            guard let made = PageSkeleton.render(template, page, isModerator: viewer.isModerator, pages: pages) else {
                return pages.errorPage(status: .internalServerError, message: "Template \(template) is missing.")
            }
            skeleton = made
            entry = CachedAnswer(route: context.endpointPath ?? request.uri.path,
                                 contentType: "text/html; charset=utf-8", etag: "", identity: ByteBuffer(), skeleton: made)
        }
        let ids = skeleton.paperIDs.map(PaperID.init(unchecked:))
        async let upvotedIDs = upvotes.upvoted(ids, by: viewer)
        async let markedIDs = upvotes.marks(ids, by: viewer)
        let (upvoted, marks) = try await (upvotedIDs, markedIDs)
        let html = skeleton.fill(username: viewer.username, csrf: context.csrfToken ?? "",
                                 upvoted: ids.map { upvoted.contains($0) }, marks: ids.map { marks[$0] ?? [] })
        var hasher = SHA256()
        hasher.update(data: Array(html.utf8))
        let etag = EntityTag.strong(hasher.finalize().prefix(16).map { String(format: "%02x", $0) }.joined())
        return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8", .eTag: etag,
                                               .cacheControl: "private, no-cache"],
                        body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}

/// A rendered page split at its per-reader placeholders.
struct PageSkeleton: Sendable {
    enum Slot: Sendable, Equatable {
        case username, csrf
        case voteClass(Int), pressed(Int)
        /// Card *i*'s reader marks (see ``PaperCardView/MarkSlots``).
        case cardClass(Int), readOn(Int), readLabel(Int), dismissOn(Int), dismissLabel(Int)
    }

    /// `literals.count == slots.count + 1`: literal, slot, literal, …, literal.
    var literals: [String]
    var slots: [Slot]
    /// The cards' papers, in order (slot indexes point here).
    var paperIDs: [String]

    var byteCount: Int { literals.reduce(0) { $0 + $1.utf8.count } }

    static func render<Page: CardPage>(_ template: String, _ page: Page, isModerator: Bool, pages: PageRenderer) -> PageSkeleton? {
        let nonce = String(UInt64.random(in: .min ... .max) | (1 << 63), radix: 16)
        let marker = "pb" + nonce
        var page = page
        let ids = page.cards.map(\.id)
        for i in page.cards.indices {
            page.cards[i].setVoteMarks(pressed: "\(marker)p\(i)_", voteClass: "\(marker)o\(i)_")
            page.cards[i].setMarkSlots(.init(cardClass: "\(marker)r\(i)_", readOn: "\(marker)a\(i)_",
                                             readLabel: "\(marker)b\(i)_", dismissOn: "\(marker)n\(i)_",
                                             dismissLabel: "\(marker)m\(i)_"))
        }
        let visitor = VisitorView(username: marker + "u_", isModerator: isModerator, csrf: marker + "c_")
        guard let html = pages.renderHTML(template, page, visitor: visitor) else { return nil }
        return parse(html, marker: marker, paperIDs: ids)
    }

    /// Splits `html` at every `marker<kind><index>_`.
    static func parse(_ html: String, marker: String, paperIDs: [String]) -> PageSkeleton {
        let parts = html.components(separatedBy: marker)
        var literals = [parts[0]]
        var slots: [Slot] = []
        for part in parts.dropFirst() {
            guard let kind = part.first, let end = part.firstIndex(of: "_") else {
                literals[literals.count - 1] += marker + part  // not ours (cannot happen with a fresh nonce)
                continue
            }
            let index = Int(part[part.index(after: part.startIndex)..<end])
            let card = index.flatMap { $0 < paperIDs.count ? $0 : nil }
            let slot: Slot? = switch kind {
            case "u": .username
            case "c": .csrf
            case "o": card.map(Slot.voteClass)
            case "p": card.map(Slot.pressed)
            case "r": card.map(Slot.cardClass)
            case "a": card.map(Slot.readOn)
            case "b": card.map(Slot.readLabel)
            case "n": card.map(Slot.dismissOn)
            case "m": card.map(Slot.dismissLabel)
            default: nil
            }
            guard let slot else {
                literals[literals.count - 1] += marker + part
                continue
            }
            slots.append(slot)
            literals.append(String(part[part.index(after: end)...]))
        }
        return PageSkeleton(literals: literals, slots: slots, paperIDs: paperIDs)
    }

    /// The page for one reader: `upvoted` and `marks` per card (missing marks: none).
    func fill(username: String, csrf: String, upvoted: [Bool], marks: [Set<PaperMark>] = []) -> String {
        let name = HTMLEscaping.escape(username)
        let token = HTMLEscaping.escape(csrf)
        let cards = paperIDs.indices.map { PaperCardView.MarkSlots($0 < marks.count ? marks[$0] : []) }
        var out = ""
        out.reserveCapacity(byteCount + 256)
        for (i, slot) in slots.enumerated() {
            out += literals[i]
            switch slot {
            case .username: out += name
            case .csrf: out += token
            case .voteClass(let card): out += upvoted[card] ? " on" : ""
            case .pressed(let card): out += upvoted[card] ? "true" : "false"
            case .cardClass(let card): out += HTMLEscaping.escape(cards[card].cardClass)
            case .readOn(let card): out += HTMLEscaping.escape(cards[card].readOn)
            case .readLabel(let card): out += HTMLEscaping.escape(cards[card].readLabel)
            case .dismissOn(let card): out += HTMLEscaping.escape(cards[card].dismissOn)
            case .dismissLabel(let card): out += HTMLEscaping.escape(cards[card].dismissLabel)
            }
        }
        out += literals[literals.count - 1]
        return out
    }
}

extension FeedPageView: CardPage {}
extension SearchPageView: CardPage {}

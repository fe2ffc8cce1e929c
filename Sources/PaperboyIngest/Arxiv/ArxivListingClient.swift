import Foundation
import PaperboyCore

/// arXiv's daily listing feeds (`rss.arxiv.org/atom/{category}`): what was announced in a category today,
/// each item marked `new`, `cross`, `replace` or `replace-cross`.
public struct ArxivListingClient: Sendable {
    /// Announcement kinds as the feeds spell them.
    public enum AnnounceType: String, Sendable, CaseIterable {
        case new, cross, replace
        case replaceCross = "replace-cross"
    }

    public let http: PoliteFetcher

    public init(http: PoliteFetcher) { self.http = http }

    /// Today's listing for `category` (`cs.LG`). Several categories can be asked for at once with `+`
    /// (`cs.LG+cs.CL`), as arXiv allows.
    public func listing(_ category: String) async throws -> AtomFeed {
        guard Self.isCategory(category) else { throw PaperboyError.invalid("'\(category.prefix(40))' is not an arXiv category.") }
        let url = http.settings.rssURL.appendingPathComponent(category)
        let what = "The \(category) listing"
        return try AtomFeed.parse(try await http.fetchXML(url, what: what), what: what)
    }

    /// `cs.LG`, `hep-th`, `math.AG`, `astro-ph.CO`, or several joined with `+`.
    public static func isCategory(_ text: String) -> Bool {
        let parts = text.split(separator: "+", omittingEmptySubsequences: false)
        return !parts.isEmpty && parts.allSatisfy { part in
            !part.isEmpty && part.count <= 32 && part.first?.isLetter == true
                && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") }
        }
    }
}

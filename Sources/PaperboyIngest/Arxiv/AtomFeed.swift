import Foundation
import PaperboyCore

/// An Atom feed from arXiv: an API query result (`export.arxiv.org/api/query`) or an RSS/Atom listing
/// (`rss.arxiv.org/atom/{cat}`).
///
/// Both API layouts are read: the legacy one (namespaces declared on each extension element, summaries
/// hard-wrapped) and the 2026 one (namespaces on the root, another element order, `https://arxiv.org/api/<hash>`
/// feed ids). Elements are matched by local name, so either works.
public struct AtomFeed: Sendable, Equatable {
    /// `opensearch:totalResults`: how many records the query matches in all (`nil` for listings).
    public var totalResults: Int?
    /// `opensearch:startIndex`: the offset of this page.
    public var startIndex: Int?
    /// `opensearch:itemsPerPage`.
    public var itemsPerPage: Int?
    /// The feed's `updated` time.
    public var updated: Date?
    public var entries: [ArxivRecord]

    public init(totalResults: Int? = nil, startIndex: Int? = nil, itemsPerPage: Int? = nil, updated: Date? = nil,
                entries: [ArxivRecord] = []) {
        self.totalResults = totalResults
        self.startIndex = startIndex
        self.itemsPerPage = itemsPerPage
        self.updated = updated
        self.entries = entries
    }

    /// Parses a feed. The API reports a bad query as a feed with one entry whose id is
    /// `http://arxiv.org/api/errors#…`; that becomes an `upstream` error with arXiv's message.
    public static func parse(_ data: Data, what: String = "The arXiv feed") throws(PaperboyError) -> AtomFeed {
        let root = try XMLTree.parse(data, what: what)
        guard root.name == "feed" else {
            throw PaperboyError(.upstream, "\(what) is not an Atom feed (root element <\(root.name)>).")
        }
        var feed = AtomFeed(totalResults: try root.value("totalResults").map { raw throws(PaperboyError) in try int(raw, what) },
                            startIndex: try root.value("startIndex").map { raw throws(PaperboyError) in try int(raw, what) },
                            itemsPerPage: try root.value("itemsPerPage").map { raw throws(PaperboyError) in try int(raw, what) },
                            updated: root.value("updated").flatMap(Timestamp.parse))
        for (i, entry) in root.children("entry").enumerated() {
            let rawID = entry.value("id") ?? ""
            if rawID.contains("/api/errors") {
                let message = entry.value("summary") ?? entry.value("title") ?? "unknown error"
                throw PaperboyError(.upstream, "arXiv rejected the query: \(message)")
            }
            feed.entries.append(try record(entry, index: i, feedUpdated: feed.updated, what: what))
        }
        return feed
    }

    static func int(_ raw: String, _ what: String) throws(PaperboyError) -> Int {
        guard let n = Int(raw), n >= 0 else { throw PaperboyError(.upstream, "\(what) has a bad count '\(raw.prefix(20))'.") }
        return n
    }

    static func record(_ entry: XMLTree, index: Int, feedUpdated: Date?, what: String) throws(PaperboyError) -> ArxivRecord {
        let rawID = entry.value("id") ?? ""
        let id: ArxivID
        do {
            // API: http://arxiv.org/abs/2405.15738v2; listings: oai:arXiv.org:2405.15738v2.
            id = try ArxivID(parsing: rawID.hasPrefix("oai:arXiv.org:") ? String(rawID.dropFirst(14)) : rawID)
        } catch {
            throw PaperboyError(.upstream, "\(what): entry \(index + 1) has no usable arXiv id ('\(rawID.prefix(60))').")
        }
        guard let title = entry.value("title") else {
            throw PaperboyError(.upstream, "\(what): entry \(id) has no title.")
        }
        var authors = entry.children("author").compactMap { a -> ArxivRecord.Author? in
            guard let name = a.value("name") else { return nil }
            return ArxivRecord.Author(name: name, affiliations: a.children("affiliation").compactMap {
                let t = $0.text.trimmingWhitespace()
                return t.isEmpty ? nil : t
            })
        }
        if authors.isEmpty, let creators = entry.value("creator") {
            // Listings name all authors in one dc:creator string: "A. One, B. Two and C. Three".
            authors = KaggleRecord.splitAuthors(creators).map { ArxivRecord.Author(name: $0) }
        }
        var categories: [String] = []
        if let primary = entry.child("primary_category")?.attributes["term"] { categories.append(primary) }
        for c in entry.children("category") {
            if let term = c.attributes["term"], !categories.contains(term) { categories.append(term) }
        }
        let links = entry.children("link").compactMap { l -> ArxivRecord.Link? in
            guard let href = l.attributes["href"] else { return nil }
            return ArxivRecord.Link(href: href, rel: l.attributes["rel"], title: l.attributes["title"], type: l.attributes["type"])
        }
        let announceType = entry.value("announce_type")
        var abstract = entry.value("summary") ?? ""
        if announceType != nil { abstract = listingAbstract(abstract) }
        let published = entry.value("published").flatMap(Timestamp.parse)
        let updated = entry.value("updated").flatMap(Timestamp.parse)
        var record = ArxivRecord(
            id: id, title: title, abstract: abstract, authors: authors, categories: categories,
            published: published, updated: updated, comment: entry.value("comment"),
            journalRef: entry.value("journal_ref") ?? entry.value("journal_reference"),
            doi: entry.value("doi") ?? entry.value("DOI"), links: links, announceType: announceType,
            describedAt: updated ?? feedUpdated
        )
        if announceType != nil {
            // A listing's dates are the announcement, not the submission: only a new paper's is its first
            // appearance; for cross-lists and replacements the submission date is unknown.
            record.published = announceType == "new" ? published : nil
            record.updated = nil
        }
        return record
    }

    /// Listing summaries start with `arXiv:2406.00001v1 Announce Type: new` and `Abstract:`; the abstract is the rest.
    static func listingAbstract(_ summary: String) -> String {
        guard summary.hasPrefix("arXiv:"), let range = summary.range(of: "Abstract:") else { return summary }
        return String(summary[range.upperBound...]).trimmingWhitespace()
    }
}

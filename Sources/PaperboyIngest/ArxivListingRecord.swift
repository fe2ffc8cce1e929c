import Foundation
import PaperboyCore

/// arXiv listing scrapes: `id, title, authors[], categories[], comment, abstract, first_listed, last_listed`.
///
/// These carry no submission dates; `publishedAt` is the first listing day (the announcement), and the
/// record's recency is `last_listed`. Listings do not feature papers on the daily pages: they make papers
/// known (paper pages, search) without claiming the community picked them.
enum ArxivListingRecord {
    static func parse(_ object: [String: Any]) throws(PaperboyError) -> ParsedRecord {
        let fields = JSONFields(object)
        let arxiv = try ArxivID(parsing: try fields.requiredString("id"))
        let title = try fields.requiredString("title")
        let authors = try fields.strings("authors").map { Author(name: $0.trimmingWhitespace()) }
        let firstListed = try fields.string("first_listed").map { raw throws(PaperboyError) in try Day(parsing: raw) }
        let lastListed = try fields.string("last_listed").map { raw throws(PaperboyError) in try Day(parsing: raw) }
        let paper = Paper(
            id: PaperID(arxiv: arxiv), version: arxiv.version, title: title,
            abstract: fields.string("abstract") ?? "", authors: authors,
            categories: arxivCategories(try fields.strings("categories")),
            publishedAt: firstListed.map { Date(timeIntervalSince1970: $0.secondsSinceEpoch) },
            comment: fields.string("comment"), source: ImportFormat.arxivListing.rawValue,
            sourceUpdatedAt: (lastListed ?? firstListed).map { Date(timeIntervalSince1970: $0.secondsSinceEpoch) }
        )
        return ParsedRecord(paper: paper)
    }
}

import Foundation
import PaperboyCore

/// Kaggle's `arxiv-metadata-oai-snapshot.json` lines: `id, submitter, authors, title, comments, journal-ref,
/// doi, categories ("cs.LG stat.ML", primary first), license, abstract, versions[{version, created}],
/// update_date, authors_parsed[[last, first, suffix]]`.
///
/// `publishedAt` is v1's `created`, `updatedAt` the latest version's, `version` the latest version number,
/// recency is `update_date`. Authors come from `authors_parsed` when present, else the `authors` string.
enum KaggleRecord {
    static func parse(_ object: [String: Any]) throws(PaperboyError) -> ParsedRecord {
        let fields = JSONFields(object)
        let rawID: String
        if let n = object["id"] as? NSNumber { rawID = n.stringValue } else { rawID = try fields.requiredString("id") }
        let arxiv = try ArxivID(parsing: rawID)
        let title = try fields.requiredString("title")
        var authors: [Author] = []
        if let parsed = object["authors_parsed"] as? [Any] {
            for item in parsed {
                guard let parts = item as? [Any] else { throw .invalid("'authors_parsed' must be a list of lists") }
                let strings = parts.compactMap { $0 as? String }.map { $0.trimmingWhitespace() }
                let last = strings.first ?? ""
                let first = strings.count > 1 ? strings[1] : ""
                let suffix = strings.count > 2 ? strings[2] : ""
                let name = [first, last, suffix].filter { !$0.isEmpty }.joined(separator: " ")
                if !name.isEmpty { authors.append(Author(name: name)) }
            }
        } else if let raw = fields.string("authors") {
            authors = splitAuthors(raw).map { Author(name: $0) }
        }
        var versions: [(number: Int, created: Date?)] = []
        if let list = object["versions"] as? [Any] {
            for item in list {
                guard let v = item as? [String: Any], let label = v["version"] as? String,
                      label.first == "v", let number = Int(label.dropFirst()) else {
                    throw .invalid("'versions' entries must look like {\"version\": \"v1\", \"created\": …}")
                }
                versions.append((number, (v["created"] as? String).flatMap(UTCDateTime.parseRFC1123)))
            }
        }
        versions.sort { $0.number < $1.number }
        let updateDay = try fields.string("update_date").map { raw throws(PaperboyError) in try Day(parsing: raw) }
        let categories = (fields.string("categories") ?? "").split(separator: " ").map(String.init)
        let paper = Paper(
            id: PaperID(arxiv: arxiv), version: versions.last?.number ?? arxiv.version, title: title,
            abstract: (fields.string("abstract") ?? "").trimmingWhitespace(), authors: authors,
            categories: arxivCategories(categories), publishedAt: versions.first?.created,
            updatedAt: versions.count > 1 ? versions.last?.created : nil, comment: fields.string("comments"),
            journalRef: fields.string("journal-ref"), doi: fields.string("doi"), source: ImportFormat.kaggle.rawValue,
            sourceUpdatedAt: updateDay.map { Date(timeIntervalSince1970: $0.secondsSinceEpoch) }
        )
        return ParsedRecord(paper: paper)
    }

    /// Splits arXiv's free-text author lists: "A, B and C", "A and B", with stray whitespace and newlines.
    static func splitAuthors(_ raw: String) -> [String] {
        let flat = raw.split(whereSeparator: \.isNewline).joined(separator: " ")
        return flat.components(separatedBy: ",").flatMap { $0.components(separatedBy: " and ") }
            .map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
    }
}

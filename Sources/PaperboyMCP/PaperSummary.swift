import Foundation
import MCP
import PaperboyCore

/// One paper in a tool's answer: what an agent needs to name it, cite it and open it.
///
/// `date` is the publication day (`YYYY-MM-DD`), else the first day it was featured; `url` is the paper's page on
/// this site when the site's address is known (`base_url`), else its arXiv abstract page. `featuredOn` is set in
/// `daily_papers` answers: the day of the list entry.
public struct PaperSummary: Codable, Sendable, Equatable {
    public var id: String
    public var title: String
    public var authors: [String]
    public var date: String?
    public var url: String?
    public var upvotes: Int
    public var featuredOn: String?

    public init(_ detail: PaperDetail, siteURL: String?, featuredOn: Day? = nil) {
        let paper = detail.paper
        id = paper.id.rawValue
        title = Self.title(paper.title)
        authors = paper.visibleAuthors.map(\.name)
        if let published = paper.publishedAt {
            date = Day(secondsSinceEpoch: published.timeIntervalSince1970).description
        } else {
            date = detail.entries.last?.day.description
        }
        url = siteURL.map { "\($0)/papers/\(paper.id.rawValue)" } ?? paper.absURL
        upvotes = detail.upvotes
        self.featuredOn = featuredOn?.description
    }

    /// A title on one line (arXiv's hard line breaks collapsed).
    static func title(_ raw: String) -> String {
        raw.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The JSON Schema of one summary (the `outputSchema` items of the list tools).
    static let schema: Value = [
        "type": "object",
        "properties": [
            "id": ["type": "string", "description": "arXiv id (or local- id): the argument of get_paper"],
            "title": ["type": "string"],
            "authors": ["type": "array", "items": ["type": "string"]],
            "date": ["type": "string", "description": "publication day, YYYY-MM-DD"],
            "url": ["type": "string"],
            "upvotes": ["type": "integer"],
            "featuredOn": ["type": "string", "description": "the day of the daily-list entry"],
        ],
        "required": ["id", "title", "authors", "upvotes"],
    ]
}

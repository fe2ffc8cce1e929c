import Foundation
import PaperboyCore

/// What a citation of a paper says, independent of the format it is written in (``BibTeXWriter``,
/// ``RISWriter``, the paper page's `citation_*` meta tags). Built from a ``Paper`` by ``init(paper:pageURL:)``.
public struct Citation: Hashable, Sendable {
    /// The title with its whitespace collapsed (TeX as the source wrote it; writers escape it).
    public var title: String
    /// Visible authors' names, in the paper's order.
    public var authors: [String]
    /// The first publication day (arXiv's v1), when known.
    public var published: Day?
    /// The arXiv base id (`2405.15738`, `hep-th/9901001`); `nil` for papers not on arXiv (`local-…` ids).
    public var arxivID: String?
    /// The primary arXiv category (`cs.CL`).
    public var primaryClass: String?
    /// The paper's canonical page: arXiv's abstract page, or this site's page for papers not on arXiv.
    public var url: String
    public var pdfURL: String?
    public var doi: String?
    public var abstract: String
    public var categories: [String]

    public init(title: String, authors: [String], published: Day? = nil, arxivID: String? = nil,
                primaryClass: String? = nil, url: String, pdfURL: String? = nil, doi: String? = nil,
                abstract: String = "", categories: [String] = []) {
        self.title = title
        self.authors = authors
        self.published = published
        self.arxivID = arxivID
        self.primaryClass = primaryClass
        self.url = url
        self.pdfURL = pdfURL
        self.doi = doi
        self.abstract = abstract
        self.categories = categories
    }

    /// The citation of `paper`; `pageURL` is this site's page for it (used when the paper is not on arXiv).
    public init(paper: Paper, pageURL: String) {
        self.init(title: Citation.collapse(paper.title), authors: paper.visibleAuthors.map { Citation.collapse($0.name) },
                  published: paper.publishedAt.map { Day(secondsSinceEpoch: $0.timeIntervalSince1970) },
                  arxivID: paper.id.isLocal ? nil : paper.id.rawValue, primaryClass: paper.primaryCategory,
                  url: paper.absURL ?? pageURL, pdfURL: paper.pdfURL, doi: paper.doi,
                  abstract: Citation.collapse(paper.abstract), categories: paper.categories)
    }

    /// `YYYY/MM/DD`, the form Google Scholar's `citation_publication_date` and RIS's `DA` use.
    public var slashedDate: String? {
        published.map { d in
            let c = d.components
            return String(format: "%04d/%02d/%02d", c.year, c.month, c.day)
        }
    }

    /// Whitespace runs (line breaks included) as one space, trimmed; control characters dropped.
    static func collapse(_ s: String) -> String {
        var out = ""
        var pendingSpace = false
        for u in s.unicodeScalars {
            if u.properties.isWhitespace {
                pendingSpace = !out.isEmpty
            } else if u.properties.generalCategory == .control {
                continue
            } else {
                if pendingSpace { out.append(" ") }
                pendingSpace = false
                out.unicodeScalars.append(u)
            }
        }
        return out
    }
}

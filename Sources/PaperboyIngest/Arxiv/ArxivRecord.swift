import Foundation
import PaperboyCore

/// One paper as an arXiv service describes it (API entry, OAI-PMH record or RSS listing item), before it
/// becomes a ``Paper``. Fields the service does not give are `nil` or empty.
public struct ArxivRecord: Sendable, Equatable {
    /// An author with the affiliations arXiv lists for them (API only; `Paper` keeps names, not affiliations).
    public struct Author: Sendable, Equatable {
        public var name: String
        public var affiliations: [String]

        public init(name: String, affiliations: [String] = []) {
            self.name = name
            self.affiliations = affiliations
        }
    }

    /// A link from an API entry (`rel` alternate/related, `title` pdf/doi).
    public struct Link: Sendable, Equatable {
        public var href: String
        public var rel: String?
        public var title: String?
        public var type: String?
    }

    /// The id with the version the service reports (the API and RSS give one; OAI `arXiv` records do not).
    public var id: ArxivID
    public var title: String
    public var abstract: String
    public var authors: [Author]
    /// Primary category first, then the others, without duplicates.
    public var categories: [String]
    /// First version's submission time.
    public var published: Date?
    /// Latest version's submission time (the API's `updated`, OAI's `updated`/last version).
    public var updated: Date?
    public var comment: String?
    public var journalRef: String?
    public var doi: String?
    public var links: [Link]
    /// RSS listings: `new`, `cross`, `replace` or `replace-cross`.
    public var announceType: String?
    /// How recent this description is (API `updated`, OAI header datestamp, listing day).
    public var describedAt: Date?

    public init(id: ArxivID, title: String, abstract: String = "", authors: [Author] = [], categories: [String] = [],
                published: Date? = nil, updated: Date? = nil, comment: String? = nil, journalRef: String? = nil,
                doi: String? = nil, links: [Link] = [], announceType: String? = nil, describedAt: Date? = nil) {
        self.id = id
        self.title = title
        self.abstract = abstract
        self.authors = authors
        self.categories = categories
        self.published = published
        self.updated = updated
        self.comment = comment
        self.journalRef = journalRef
        self.doi = doi
        self.links = links
        self.announceType = announceType
        self.describedAt = describedAt
    }

    /// The paper to store. `source` is `arxiv-api`, `arxiv-oai` or `arxiv-listing` (see ``Paper/sourceRank(_:)``).
    ///
    /// `updatedAt` is set only when a later version exists (`updated` differs from `published`), as the Kaggle
    /// importer does, so that the same paper from both sources merges without churn.
    public func paper(source: String) -> Paper {
        let later = updated.flatMap { u in published.map { u != $0 } ?? true } ?? false
        return Paper(
            id: PaperID(arxiv: id), version: id.version, title: title, abstract: abstract,
            authors: authors.map { PaperboyCore.Author(name: $0.name) }, categories: arxivCategories(categories),
            publishedAt: published, updatedAt: later ? updated : nil, comment: comment, journalRef: journalRef,
            doi: doi, source: source, sourceUpdatedAt: describedAt
        )
    }
}

extension String {
    /// Runs of white space (arXiv's hard line breaks and indentation) folded to single spaces, trimmed.
    var collapsingWhitespace: String {
        split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}

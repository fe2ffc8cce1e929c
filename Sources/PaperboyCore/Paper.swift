import Foundation

/// An author of a paper, in paper order.
public struct Author: Hashable, Sendable, Codable {
    /// The name as the source gives it ("Tri Dao").
    public var name: String
    /// The site user who claimed this authorship, if any (HF's `authors[].user`).
    public var user: UserRef?
    /// Claim status as HF reports it (`admin_assigned`, `claimed_verified`, …), if any.
    public var status: String?
    /// Hidden authors are kept for order but not shown.
    public var hidden: Bool

    public init(name: String, user: UserRef? = nil, status: String? = nil, hidden: Bool = false) {
        self.name = name
        self.user = user
        self.status = status
        self.hidden = hidden
    }

    /// Lower-cased, diacritics and punctuation folded, single-spaced: the key author pages and filters use.
    public static func normalise(_ name: String) -> String {
        name.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            .split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: " ")
    }
}

/// A reference to a user account, as shown next to papers (HF's `user` / `submittedBy` objects).
public struct UserRef: Hashable, Sendable, Codable {
    public var username: String
    public var fullname: String?
    public var avatarURL: String?

    public init(username: String, fullname: String? = nil, avatarURL: String? = nil) {
        self.username = username
        self.fullname = fullname
        self.avatarURL = avatarURL
    }
}

/// An organisation a paper is attributed to (HF's `organization`).
public struct Organization: Hashable, Sendable, Codable {
    public var name: String
    public var fullname: String?
    public var avatarURL: String?

    public init(name: String, fullname: String? = nil, avatarURL: String? = nil) {
        self.name = name
        self.fullname = fullname
        self.avatarURL = avatarURL
    }
}

/// A paper: the bibliographic record plus what the community sources add (AI summary, code links).
///
/// Optional fields are `nil` when the source does not have them; ``merged(with:)`` combines records from
/// several sources without erasing what an earlier one knew.
public struct Paper: Hashable, Sendable {
    public var id: PaperID
    /// Latest known arXiv version, if known.
    public var version: Int?
    public var title: String
    public var abstract: String
    public var authors: [Author]
    /// arXiv categories, primary first (`cs.CL`, `cs.AI`).
    public var categories: [String]
    /// When the first version was submitted (HF's `paper.publishedAt`).
    public var publishedAt: Date?
    /// When the latest version was submitted, if known.
    public var updatedAt: Date?
    public var comment: String?
    public var journalRef: String?
    public var doi: String?
    public var githubRepo: String?
    public var githubStars: Int?
    public var projectPage: String?
    public var aiSummary: String?
    public var aiKeywords: [String]
    /// How many authors the source says there are when it does not list them (the seed list); else `nil`.
    public var authorCount: Int?
    public var thumbnail: String?
    public var discussionID: String?
    public var organization: Organization?
    /// Upvotes imported from another site (kept apart from votes cast here; shown as their sum).
    public var importedUpvotes: Int
    /// Comment count imported from another site.
    public var importedComments: Int
    /// Which importer produced the record (`hf-daily`, `arxiv-listing`, `kaggle`, `seed`, `arxiv-api`).
    public var source: String
    /// How recent the source record is; a record older than the stored one does not overwrite it.
    public var sourceUpdatedAt: Date?

    public init(
        id: PaperID, version: Int? = nil, title: String, abstract: String = "", authors: [Author] = [],
        categories: [String] = [], publishedAt: Date? = nil, updatedAt: Date? = nil, comment: String? = nil,
        journalRef: String? = nil, doi: String? = nil, githubRepo: String? = nil, githubStars: Int? = nil,
        projectPage: String? = nil, aiSummary: String? = nil, aiKeywords: [String] = [], authorCount: Int? = nil,
        thumbnail: String? = nil,
        discussionID: String? = nil, organization: Organization? = nil, importedUpvotes: Int = 0,
        importedComments: Int = 0, source: String, sourceUpdatedAt: Date? = nil
    ) {
        self.id = id
        self.version = version
        self.title = title
        self.abstract = abstract
        self.authors = authors
        self.categories = categories
        self.publishedAt = publishedAt
        self.updatedAt = updatedAt
        self.comment = comment
        self.journalRef = journalRef
        self.doi = doi
        self.githubRepo = githubRepo
        self.githubStars = githubStars
        self.projectPage = projectPage
        self.aiSummary = aiSummary
        self.aiKeywords = aiKeywords
        self.authorCount = authorCount
        self.thumbnail = thumbnail
        self.discussionID = discussionID
        self.organization = organization
        self.importedUpvotes = importedUpvotes
        self.importedComments = importedComments
        self.source = source
        self.sourceUpdatedAt = sourceUpdatedAt
    }

    /// The arXiv id with the latest known version (`2405.15738v2`), for arXiv papers.
    public var versionedArxivID: String? { id.isLocal ? nil : version.map { "\(id.rawValue)v\($0)" } ?? id.rawValue }
    /// The primary arXiv category, if any.
    public var primaryCategory: String? { categories.first }
    /// `https://arxiv.org/abs/<id>` for arXiv papers.
    public var absURL: String? { id.isLocal ? nil : "https://arxiv.org/abs/\(id.rawValue)" }
    /// `https://arxiv.org/pdf/<id>` for arXiv papers.
    public var pdfURL: String? { id.isLocal ? nil : "https://arxiv.org/pdf/\(id.rawValue)" }
    /// How many authors the paper has (the listed ones, or the count the source declared).
    public var totalAuthors: Int { authors.isEmpty ? (authorCount ?? 0) : authors.count }
    /// Authors that are not hidden.
    public var visibleAuthors: [Author] { authors.filter { !$0.hidden } }

    /// Combines a stored record with an incoming one.
    ///
    /// Rules: an incoming record whose `sourceUpdatedAt` is older than the stored one changes nothing.
    /// Otherwise non-empty incoming values replace stored ones and missing values keep what is stored (an
    /// arXiv listing does not erase an AI summary that came from HF). Counts take the incoming snapshot
    /// when it comes from the same source, else the larger one.
    public func merged(with incoming: Paper) -> Paper {
        if let old = sourceUpdatedAt, let new = incoming.sourceUpdatedAt, new < old, incoming.source == source {
            return self
        }
        var m = self
        if !incoming.title.isEmpty { m.title = incoming.title }
        if !incoming.abstract.isEmpty { m.abstract = incoming.abstract }
        if !incoming.authors.isEmpty {
            m.authors = incoming.authors.enumerated().map { i, author in
                var a = author
                if a.user == nil, i < authors.count, authors[i].name == author.name {
                    a.user = authors[i].user
                    a.status = a.status ?? authors[i].status
                }
                return a
            }
        }
        if !incoming.categories.isEmpty { m.categories = incoming.categories }
        m.version = Swift.max(version ?? 0, incoming.version ?? 0) == 0 ? nil : Swift.max(version ?? 0, incoming.version ?? 0)
        m.publishedAt = incoming.publishedAt ?? publishedAt
        m.updatedAt = incoming.updatedAt ?? updatedAt
        m.comment = incoming.comment ?? comment
        m.journalRef = incoming.journalRef ?? journalRef
        m.doi = incoming.doi ?? doi
        m.githubRepo = incoming.githubRepo ?? githubRepo
        m.githubStars = incoming.githubStars ?? githubStars
        m.projectPage = incoming.projectPage ?? projectPage
        m.aiSummary = incoming.aiSummary ?? aiSummary
        if !incoming.aiKeywords.isEmpty { m.aiKeywords = incoming.aiKeywords }
        m.authorCount = incoming.authorCount ?? authorCount
        m.thumbnail = incoming.thumbnail ?? thumbnail
        m.discussionID = incoming.discussionID ?? discussionID
        m.organization = incoming.organization ?? organization
        if incoming.source == source {
            m.importedUpvotes = incoming.importedUpvotes
            m.importedComments = incoming.importedComments
        } else {
            m.importedUpvotes = Swift.max(importedUpvotes, incoming.importedUpvotes)
            m.importedComments = Swift.max(importedComments, incoming.importedComments)
        }
        if let new = incoming.sourceUpdatedAt, new > (sourceUpdatedAt ?? .distantPast) { m.sourceUpdatedAt = new }
        return m
    }
}

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
        if name.utf8.allSatisfy({ $0 < 0x80 }) {
            var out = [UInt8]()
            out.reserveCapacity(name.utf8.count)
            var pendingSpace = false
            for b in name.utf8 {
                let isAlnum = (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a)
                if isAlnum {
                    if pendingSpace && !out.isEmpty { out.append(0x20) }
                    pendingSpace = false
                    out.append(b >= 0x41 && b <= 0x5a ? b + 32 : b)
                } else {
                    pendingSpace = true
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
        return name.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
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
    /// How recent the bibliographic record is; an older record from an equally ranked source loses.
    public var sourceUpdatedAt: Date?
    /// How recent the community snapshot (imported counts, AI summary, code links) is; `nil` when the
    /// record carries none (arXiv metadata).
    public var communityUpdatedAt: Date?

    public init(
        id: PaperID, version: Int? = nil, title: String, abstract: String = "", authors: [Author] = [],
        categories: [String] = [], publishedAt: Date? = nil, updatedAt: Date? = nil, comment: String? = nil,
        journalRef: String? = nil, doi: String? = nil, githubRepo: String? = nil, githubStars: Int? = nil,
        projectPage: String? = nil, aiSummary: String? = nil, aiKeywords: [String] = [], authorCount: Int? = nil,
        thumbnail: String? = nil,
        discussionID: String? = nil, organization: Organization? = nil, importedUpvotes: Int = 0,
        importedComments: Int = 0, source: String, sourceUpdatedAt: Date? = nil, communityUpdatedAt: Date? = nil
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
        self.communityUpdatedAt = communityUpdatedAt
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

    /// Combines a stored record with an incoming one; the result is what should be stored.
    ///
    /// Bibliographic fields (title, abstract, authors, categories, dates, comment, journal ref, DOI) belong
    /// to the most authoritative source that has described the paper (``sourceRank(_:)``: arXiv's API and
    /// snapshots over listings over Hugging Face over the seed list). A lower-ranked record only fills gaps;
    /// an equal-ranked one replaces them unless its `sourceUpdatedAt` is older. Community fields (imported
    /// counts, AI summary and keywords, code links, organisation) come from whichever record carries them
    /// with the newest `communityUpdatedAt`. Author claims (`user`) are carried over by author name.
    /// Merging is idempotent: `a.merged(with: b).merged(with: b) == a.merged(with: b)`.
    public func merged(with incoming: Paper) -> Paper {
        var m = self
        let incomingRank = Paper.sourceRank(incoming.source), storedRank = Paper.sourceRank(source)
        let takeBibliography: Bool
        if incomingRank != storedRank {
            takeBibliography = incomingRank > storedRank
        } else if let old = sourceUpdatedAt, let new = incoming.sourceUpdatedAt {
            takeBibliography = new >= old
        } else {
            takeBibliography = true
        }
        if takeBibliography {
            if !incoming.title.isBlank { m.title = incoming.title }
            if !incoming.abstract.isBlank { m.abstract = incoming.abstract }
            if !incoming.authors.isEmpty { m.authors = incoming.authors }
            if !incoming.categories.isEmpty { m.categories = incoming.categories }
            m.publishedAt = incoming.publishedAt ?? publishedAt
            m.updatedAt = incoming.updatedAt ?? updatedAt
            m.comment = incoming.comment ?? comment
            m.journalRef = incoming.journalRef ?? journalRef
            m.doi = incoming.doi ?? doi
            m.authorCount = incoming.authorCount ?? authorCount
            m.source = incoming.source
            m.sourceUpdatedAt = incoming.sourceUpdatedAt ?? sourceUpdatedAt
        } else {
            if m.abstract.isBlank { m.abstract = incoming.abstract }
            if m.authors.isEmpty { m.authors = incoming.authors }
            if m.categories.isEmpty { m.categories = incoming.categories }
            m.publishedAt = publishedAt ?? incoming.publishedAt
            m.updatedAt = updatedAt ?? incoming.updatedAt
            m.comment = comment ?? incoming.comment
            m.journalRef = journalRef ?? incoming.journalRef
            m.doi = doi ?? incoming.doi
            m.authorCount = authorCount ?? incoming.authorCount
        }
        if let v = [version, incoming.version].compactMap({ $0 }).max() { m.version = v }
        m.authors = Paper.carryClaims(into: m.authors, from: [incoming.authors, authors])
        // Two snapshots from the same moment: the one with more upvotes wins, so re-imports are stable.
        let old = communityUpdatedAt ?? .distantPast
        if let new = incoming.communityUpdatedAt,
           new > old || (new == old && incoming.importedUpvotes > importedUpvotes) || communityUpdatedAt == nil {
            m.importedUpvotes = incoming.importedUpvotes
            m.importedComments = incoming.importedComments
            m.aiSummary = incoming.aiSummary ?? aiSummary
            if !incoming.aiKeywords.isEmpty { m.aiKeywords = incoming.aiKeywords }
            m.githubRepo = incoming.githubRepo ?? githubRepo
            m.githubStars = incoming.githubStars ?? githubStars
            m.projectPage = incoming.projectPage ?? projectPage
            m.thumbnail = incoming.thumbnail ?? thumbnail
            m.discussionID = incoming.discussionID ?? discussionID
            m.organization = incoming.organization ?? organization
            m.communityUpdatedAt = new
        } else {
            m.aiSummary = aiSummary ?? incoming.aiSummary
            if m.aiKeywords.isEmpty { m.aiKeywords = incoming.aiKeywords }
            m.githubRepo = githubRepo ?? incoming.githubRepo
            m.githubStars = githubStars ?? incoming.githubStars
            m.projectPage = projectPage ?? incoming.projectPage
            m.thumbnail = thumbnail ?? incoming.thumbnail
            m.discussionID = discussionID ?? incoming.discussionID
            m.organization = organization ?? incoming.organization
        }
        return m
    }

    /// How authoritative a source is for bibliographic fields (higher wins).
    public static func sourceRank(_ source: String) -> Int {
        switch source {
        case "arxiv-api", "arxiv-oai": return 40
        case "kaggle": return 30
        case "arxiv-listing": return 20
        case "hf-daily": return 10
        default: return 0
        }
    }

    /// Keeps authors' `user`/`status` (claims) from other descriptions of the same paper, matched by name.
    /// A claim is carried only to a name that appears once in the list, and only if no author there already
    /// holds that user (two co-authors called "Liang Wang" do not both get one's claim).
    static func carryClaims(into authors: [Author], from others: [[Author]]) -> [Author] {
        var claims: [String: Author] = [:]
        for list in others {
            for a in list where a.user != nil {
                let key = Author.normalise(a.name)
                if claims[key] == nil { claims[key] = a }
            }
        }
        guard !claims.isEmpty else { return authors }
        var nameCounts: [String: Int] = [:]
        for a in authors { nameCounts[Author.normalise(a.name), default: 0] += 1 }
        var taken = Set(authors.compactMap { $0.user?.username })
        return authors.map { a in
            let key = Author.normalise(a.name)
            guard a.user == nil, nameCounts[key] == 1, let claim = claims[key], let user = claim.user,
                  !taken.contains(user.username) else { return a }
            taken.insert(user.username)
            var b = a
            b.user = user
            b.status = b.status ?? claim.status
            return b
        }
    }
}

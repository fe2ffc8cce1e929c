import Foundation
import PaperboyCore

/// JSON shapes of Hugging Face's papers API, as `huggingface_hub` 2.4.0 reads them (`PaperInfo`,
/// `PaperAuthor`, `User`, `Organization`). Field names are HF's, including its mixed casing.
enum HFAPI {
    /// `GET /api/papers/{id}` and the `paper` object inside daily entries.
    struct PaperJSON: Encodable {
        var id: String
        var authors: [AuthorJSON]
        var publishedAt: String?
        var submittedOnDailyAt: String?
        var title: String
        var summary: String
        var upvotes: Int
        var discussionId: String?
        var ai_summary: String?
        var ai_keywords: [String]?
        var githubRepo: String?
        var githubStars: Int?
        var projectPage: String?
        var organization: OrganizationJSON?
        var submittedOnDailyBy: UserJSON?
        /// Only on `GET /api/papers/{id}` (HF puts it there too).
        var numComments: Int?
        // Paperboy additions (ignored by huggingface_hub, kept for our own pages and tools).
        var categories: [String]?
        var comment: String?
        var journalRef: String?
        var doi: String?
        var arxivUrl: String?
        var pdfUrl: String?

        init(_ paper: Paper, upvotes: Int, entry: DailyEntry?, numComments: Int?) {
            id = paper.id.rawValue
            authors = paper.authors.map(AuthorJSON.init)
            publishedAt = paper.publishedAt.map(Timestamp.format)
            submittedOnDailyAt = entry?.submittedAt.map(Timestamp.format)
            title = paper.title
            summary = paper.abstract
            self.upvotes = upvotes
            discussionId = paper.discussionID
            ai_summary = paper.aiSummary
            ai_keywords = paper.aiKeywords.isEmpty ? nil : paper.aiKeywords
            githubRepo = paper.githubRepo
            githubStars = paper.githubStars
            projectPage = paper.projectPage
            organization = paper.organization.map(OrganizationJSON.init)
            submittedOnDailyBy = entry?.submitter.map(UserJSON.init)
            self.numComments = numComments
            categories = paper.categories.isEmpty ? nil : paper.categories
            comment = paper.comment
            journalRef = paper.journalRef
            doi = paper.doi
            arxivUrl = paper.absURL
            pdfUrl = paper.pdfURL
        }
    }

    /// One element of `GET /api/daily_papers`.
    struct DailyEntryJSON: Encodable {
        var paper: PaperJSON
        var publishedAt: String?
        var title: String
        var summary: String
        var thumbnail: String?
        var numComments: Int
        var submittedBy: UserJSON?
        var organization: OrganizationJSON?
        var isAuthorParticipating: Bool
        /// Paperboy addition: the day the entry is listed under (`YYYY-MM-DD`).
        var dailyDate: String

        init(_ item: FeedItem) {
            paper = PaperJSON(item.paper, upvotes: item.upvotes, entry: item.entry, numComments: nil)
            publishedAt = (item.entry.submittedAt ?? item.paper.publishedAt).map(Timestamp.format)
            title = item.entry.title ?? item.paper.title
            summary = item.paper.abstract
            thumbnail = item.paper.thumbnail
            numComments = item.comments
            submittedBy = item.entry.submitter.map(UserJSON.init)
            organization = item.paper.organization.map(OrganizationJSON.init)
            isAuthorParticipating = item.paper.authors.contains { $0.user != nil }
            dailyDate = item.entry.day.description
        }
    }

    struct AuthorJSON: Encodable {
        var name: String
        var hidden: Bool
        var user: UserJSON?
        var status: String?

        init(_ author: Author) {
            name = author.name
            hidden = author.hidden
            user = author.user.map(UserJSON.init)
            status = author.status
        }
    }

    /// HF user objects carry the username both as `user` (what `huggingface_hub.User` reads) and `name`.
    struct UserJSON: Encodable {
        var user: String
        var name: String
        var fullname: String
        var avatarUrl: String?
        var type = "user"

        init(_ ref: UserRef) {
            user = ref.username
            name = ref.username
            fullname = ref.fullname ?? ref.username
            avatarUrl = ref.avatarURL
        }
    }

    struct OrganizationJSON: Encodable {
        var name: String
        var fullname: String?
        var avatar: String?
        var avatarUrl: String?

        init(_ org: Organization) {
            name = org.name
            fullname = org.fullname
            avatar = org.avatarURL
            avatarUrl = org.avatarURL
        }
    }

    /// Error bodies: `{"error": "…"}`.
    struct ErrorJSON: Encodable {
        var error: String
    }
}

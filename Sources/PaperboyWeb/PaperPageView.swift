import Foundation
import PaperboyCore
import PaperboyFeeds

/// The paper page.
struct PaperPageView {
    var layout: LayoutView
    var id: String
    var title: String
    var authors: [AuthorView]
    var moreAuthors: String?
    var published: String?
    var updated: String?
    var featured: [FeaturedView]
    var abstract: [String]
    var categories: [String]
    var links: [LinkView]
    var upvotes: Int
    var comments: Int
    var aiSummary: String?
    var aiKeywords: [String]
    var comment: String?
    var journalRef: String?
    var doi: String?
    var organization: String?
    /// `/{org}/papers`, the organisation's page.
    var organizationHref: String?
    /// Papers closest in meaning (or, before vectors exist, by title words).
    var similar: [SimilarView] = []
    var similarByMeaning = false

    struct SimilarView {
        var href: String
        var title: String
        var authors: String
        var upvotes: Int

        init(_ detail: PaperDetail) {
            href = "/papers/\(detail.paper.id.rawValue)"
            title = Text.collapse(detail.paper.title)
            let names = detail.paper.visibleAuthors.map(\.name)
            authors = names.prefix(3).joined(separator: ", ") + (names.count > 3 ? " et al." : "")
            upvotes = detail.upvotes
        }
    }
    /// Votes, comments, collections and claims; `nil` when the server runs without accounts.
    var community: PaperCommunityView?
    /// The "Cite" box: the BibTeX entry (copied by `community.js`) and the `.bib`/`.ris` links.
    var cite: CiteView

    struct CiteView {
        var bibtex: String
        var bibHref: String
        var risHref: String
    }

    struct AuthorView {
        var name: String
        var user: String?
        /// The author page: `/authors/{name}`.
        var authorHref: String
    }

    struct FeaturedView {
        var href: String
        var label: String
        var submitter: String?
    }

    struct LinkView {
        var href: String
        var label: String
    }

    init(_ detail: PaperDetail, citation: Citation) {
        let p = detail.paper
        let title = Text.collapse(p.title)
        layout = LayoutView(title: title, description: Text.preview(p.abstract, maxCharacters: 200))
        layout.meta = LayoutView.MetaTag.scholar(citation)
        cite = CiteView(bibtex: BibTeXWriter.document([citation]), bibHref: "/papers/\(p.id.rawValue).bib",
                        risHref: "/papers/\(p.id.rawValue).ris")
        id = p.id.rawValue
        self.title = title
        authors = p.visibleAuthors.map {
            AuthorView(name: $0.name, user: $0.user?.username, authorHref: AuthorPath.href($0.name))
        }
        moreAuthors = p.authors.isEmpty && (p.authorCount ?? 0) > 0 ? "\(p.authorCount!) authors" : nil
        published = p.publishedAt.map { Text.displayDate(Day(secondsSinceEpoch: $0.timeIntervalSince1970)) }
        updated = p.updatedAt.map { Text.displayDate(Day(secondsSinceEpoch: $0.timeIntervalSince1970)) }
        featured = detail.entries.map {
            FeaturedView(href: "/papers/date/\($0.day)", label: Text.displayDate($0.day), submitter: $0.submitter?.username)
        }
        abstract = Text.paragraphs(p.abstract)
        categories = p.categories
        var links: [LinkView] = []
        if let abs = p.absURL { links.append(LinkView(href: abs, label: "arXiv page")) }
        if let pdf = p.pdfURL { links.append(LinkView(href: pdf, label: "PDF")) }
        if let repo = p.githubRepo, Self.isWebURL(repo) { links.append(LinkView(href: repo, label: "Code")) }
        if let page = p.projectPage, Self.isWebURL(page) { links.append(LinkView(href: page, label: "Project page")) }
        if let doi = p.doi { links.append(LinkView(href: "https://doi.org/\(doi)", label: "DOI")) }
        self.links = links
        upvotes = detail.upvotes
        comments = detail.comments
        aiSummary = p.aiSummary
        aiKeywords = p.aiKeywords
        comment = p.comment.map(Text.collapse)
        journalRef = p.journalRef.map(Text.collapse)
        doi = p.doi
        organization = p.organization.map { $0.fullname ?? $0.name }
        organizationHref = p.organization.map(FeedPageView.path(for:))
    }

    /// Only http(s) links are rendered as links (no `javascript:` from imported data).
    static func isWebURL(_ s: String) -> Bool {
        let lower = s.lowercased()
        return lower.hasPrefix("https://") || lower.hasPrefix("http://")
    }
}

/// The Markdown rendition of a paper page (`GET /papers/{id}.md`, huggingface_hub's `read_paper`).
enum PaperMarkdown {
    static func render(_ detail: PaperDetail) -> String {
        let p = detail.paper
        var out = "# \(Text.collapse(p.title))\n\n"
        let names = p.visibleAuthors.map(\.name)
        if !names.isEmpty { out += "**Authors:** \(names.joined(separator: ", "))\n\n" }
        if let published = p.publishedAt {
            out += "**Published:** \(Day(secondsSinceEpoch: published.timeIntervalSince1970))\n\n"
        }
        if !p.categories.isEmpty { out += "**Categories:** \(p.categories.joined(separator: ", "))\n\n" }
        out += "**Upvotes:** \(detail.upvotes)\n\n"
        var links: [String] = []
        if let abs = p.absURL { links.append("[arXiv](\(abs))") }
        if let pdf = p.pdfURL { links.append("[PDF](\(pdf))") }
        if let repo = p.githubRepo { links.append("[Code](\(repo))") }
        if let page = p.projectPage { links.append("[Project page](\(page))") }
        if !links.isEmpty { out += "**Links:** \(links.joined(separator: " · "))\n\n" }
        out += "## Abstract\n\n\(Text.paragraphs(p.abstract).joined(separator: "\n\n"))\n"
        if let summary = p.aiSummary { out += "\n## AI summary\n\n\(Text.collapse(summary))\n" }
        if !p.aiKeywords.isEmpty { out += "\n**Keywords:** \(p.aiKeywords.joined(separator: ", "))\n" }
        return out
    }
}

import Foundation
import PaperboyCore
import PaperboyMail

/// A paper in a digest with its upvotes, and optionally a line saying why it is there (the "For you" section).
public struct DigestPaper: Sendable, Equatable {
    public var paper: Paper
    public var upvotes: Int
    public var note: String?

    public init(paper: Paper, upvotes: Int, note: String? = nil) {
        self.paper = paper
        self.upvotes = upvotes
        self.note = note
    }
}

/// A personal part of a digest ("Papers by Tri Dao").
public struct DigestSection: Sendable, Equatable {
    public var title: String
    public var papers: [DigestPaper]

    public init(title: String, papers: [DigestPaper]) {
        self.title = title
        self.papers = papers
    }
}

/// Writes a digest e-mail: a plain-text and an HTML part (inline CSS, no images) listing papers with title,
/// authors, a two-line summary, upvotes and links, plus RFC 8058 one-click unsubscribe headers and a visible
/// unsubscribe link that works without signing in. Also the double opt-in and sign-in link mails. The bodies are
/// rendered from ``MailTemplates`` (`Templates/*.mustache`) with the view values below; a broken installation
/// without its templates throws `.internal`.
public struct DigestComposer: Sendable {
    public var siteName: String
    /// Absolute base URL of the site, without a trailing slash (`https://papers.example.org`).
    public var baseURL: String
    public var from: MailAddress
    private let templates: Result<MailTemplates, PaperboyError>

    public init(siteName: String = "Paperboy", baseURL: String, from: MailAddress) {
        self.siteName = siteName
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.from = from
        templates = Result { () throws(PaperboyError) in try MailTemplates.load() }
    }

    /// The digest of `period` for `email`. `unsubscribeToken` is a signed ``TokenSigner/Purpose/unsubscribe`` token;
    /// `personal` are the signed-in subscriber's sections (followed authors, categories, saved searches).
    public func digest(_ items: [FeedItem], period: DigestPeriod, to email: String, unsubscribeToken: String,
                       personal: [DigestSection] = []) throws(PaperboyError) -> MailMessage {
        let unsubscribeURL = "\(baseURL)/unsubscribe?token=\(unsubscribeToken)"
        let label = period.frequency == .daily ? "Daily papers of \(Self.displayDay(period.days.lowerBound))"
            : "Trending papers, week of \(Self.displayDay(period.days.lowerBound))"
        let subject = items.first.map { "\(label): \(Self.oneLine($0.paper.title))" } ?? label
        let view = DigestView(
            label: label, siteName: siteName, frequency: period.frequency.rawValue, unsubscribeURL: unsubscribeURL,
            items: items.enumerated().map { paperView(DigestPaper(paper: $1.paper, upvotes: $1.upvotes), number: $0 + 1) },
            sections: personal.filter { !$0.papers.isEmpty }.map { section in
                DigestView.Section(title: section.title,
                                   papers: section.papers.enumerated().map { paperView($1, number: $0 + 1) })
            })
        let body = try templates.get().render("digest", view)
        return MailMessage(
            from: from, to: [MailAddress(email)], subject: subject, textBody: body.text, htmlBody: body.html,
            headers: [("List-Unsubscribe", "<\(unsubscribeURL)>"), ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
                      ("List-Id", "\(siteName) \(period.frequency.rawValue) digest <\(period.frequency.rawValue).digest.\(from.domain)>"),
                      ("Auto-Submitted", "auto-generated")],
            messageID: "\(period.key.replacingOccurrences(of: ":", with: "."))-\(TokenSigner.digest(email).prefix(16))@\(from.domain)")
    }

    /// The double opt-in mail.
    public func confirmation(to email: String, frequency: DigestFrequency, token: String) throws(PaperboyError)
        -> MailMessage
    {
        let view = LinkMailView(siteName: siteName, url: "\(baseURL)/subscribe/confirm?token=\(token)",
                                frequency: frequency.rawValue, minutes: 0)
        let body = try templates.get().render("confirmation", view)
        return MailMessage(from: from, to: [MailAddress(email)], subject: "Confirm your \(siteName) subscription",
                           textBody: body.text, htmlBody: body.html, headers: [("Auto-Submitted", "auto-generated")])
    }

    /// The magic sign-in link mail.
    public func signInLink(to email: String, token: String, minutes: Int) throws(PaperboyError) -> MailMessage {
        let view = LinkMailView(siteName: siteName, url: "\(baseURL)/signin/email/verify?token=\(token)",
                                frequency: "", minutes: minutes)
        let body = try templates.get().render("signin", view)
        return MailMessage(from: from, to: [MailAddress(email)], subject: "Your \(siteName) sign-in link",
                           textBody: body.text, htmlBody: body.html, headers: [("Auto-Submitted", "auto-generated")])
    }

    /// One paper's view: title, authors, a two-line summary, upvotes and links.
    func paperView(_ item: DigestPaper, number: Int) -> DigestView.PaperView {
        let p = item.paper
        let names = p.visibleAuthors.map(\.name)
        let authors = names.prefix(4).joined(separator: ", ") + (names.count > 4 ? " et al." : "")
        let summary = Self.summary(p.aiSummary ?? p.abstract)
        return DigestView.PaperView(
            number: number, title: Self.oneLine(p.title), url: "\(baseURL)/papers/\(p.id.rawValue)", authors: authors,
            hasAuthors: !authors.isEmpty, summary: summary, hasSummary: !summary.isEmpty, upvotes: item.upvotes,
            absURL: p.absURL ?? "", hasArxiv: p.absURL != nil, note: item.note ?? "", hasNote: item.note != nil)
    }

    /// At most two lines' worth (~220 characters), cut at a word.
    static func summary(_ text: String) -> String {
        let flat = oneLine(text)
        guard flat.count > 220 else { return flat }
        let cut = flat.prefix(220)
        return (cut.lastIndex(of: " ").map { String(cut[..<$0]) } ?? String(cut)) + "…"
    }

    static func oneLine(_ s: String) -> String {
        s.split(whereSeparator: { $0.isWhitespace || $0.isNewline }).joined(separator: " ")
    }

    static func displayDay(_ day: Day) -> String {
        let c = day.components
        return "\(UTCDateTime.monthNames[c.month - 1]) \(c.day), \(c.year)"
    }
}

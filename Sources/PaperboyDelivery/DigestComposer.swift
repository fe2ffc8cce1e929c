import Foundation
import PaperboyCore
import PaperboyMail

/// A paper in a digest with its upvotes.
public struct DigestPaper: Sendable, Equatable {
    public var paper: Paper
    public var upvotes: Int

    public init(paper: Paper, upvotes: Int) {
        self.paper = paper
        self.upvotes = upvotes
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
/// unsubscribe link that works without signing in.
public struct DigestComposer: Sendable {
    public var siteName: String
    /// Absolute base URL of the site, without a trailing slash (`https://papers.example.org`).
    public var baseURL: String
    public var from: MailAddress

    public init(siteName: String = "Paperboy", baseURL: String, from: MailAddress) {
        self.siteName = siteName
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.from = from
    }

    /// The digest of `period` for `email`. `unsubscribeToken` is a signed ``TokenSigner/Purpose/unsubscribe`` token;
    /// `personal` are the signed-in subscriber's sections (followed authors, categories, saved searches).
    public func digest(_ items: [FeedItem], period: DigestPeriod, to email: String, unsubscribeToken: String,
                       personal: [DigestSection] = []) -> MailMessage {
        let unsubscribeURL = "\(baseURL)/unsubscribe?token=\(unsubscribeToken)"
        let label = period.frequency == .daily ? "Daily papers of \(Self.displayDay(period.days.lowerBound))"
            : "Trending papers, week of \(Self.displayDay(period.days.lowerBound))"
        let subject = items.first.map { "\(label): \(Self.oneLine($0.paper.title))" } ?? label
        var text = "\(label) — \(siteName)\n\n"
        var html = """
            <!DOCTYPE html><html><head><meta charset="utf-8"><title>\(HTMLEscaping.escape(label))</title></head>
            <body style="margin:0;padding:0;background:#f6f7f9;">
            <div style="max-width:640px;margin:0 auto;padding:20px;font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;color:#111827;">
            <h1 style="font-size:20px;margin:0 0 4px;">\(HTMLEscaping.escape(label))</h1>
            <p style="margin:0 0 16px;color:#6b7280;font-size:14px;">The papers the community ranked highest, from \(HTMLEscaping.escape(siteName)).</p>

            """
        if items.isEmpty {
            text += "No papers were featured in this period.\n"
            html += "<p style=\"color:#6b7280;\">No papers were featured in this period.</p>\n"
        }
        for (i, item) in items.enumerated() {
            render(DigestPaper(paper: item.paper, upvotes: item.upvotes), number: i + 1, text: &text, html: &html)
        }
        for section in personal where !section.papers.isEmpty {
            text += "\(section.title)\n\n"
            html += "<h2 style=\"font-size:17px;margin:22px 0 8px;\">\(HTMLEscaping.escape(section.title))</h2>\n"
            for (i, paper) in section.papers.enumerated() { render(paper, number: i + 1, text: &text, html: &html) }
        }
        text += "—\nYou get this because you subscribed to the \(period.frequency.rawValue) digest of \(siteName).\n"
        text += "Unsubscribe: \(unsubscribeURL)\n"
        html += """
            <p style="margin:20px 0 0;color:#6b7280;font-size:12px;">You get this because you subscribed to the \(period.frequency.rawValue) digest of \(HTMLEscaping.escape(siteName)).
            <a href="\(HTMLEscaping.escape(unsubscribeURL))" style="color:#6b7280;">Unsubscribe</a></p>
            </div></body></html>

            """
        return MailMessage(
            from: from, to: [MailAddress(email)], subject: subject, textBody: text, htmlBody: html,
            headers: [("List-Unsubscribe", "<\(unsubscribeURL)>"), ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
                      ("List-Id", "\(siteName) \(period.frequency.rawValue) digest <\(period.frequency.rawValue).digest.\(from.domain)>"),
                      ("Auto-Submitted", "auto-generated")],
            messageID: "\(period.key.replacingOccurrences(of: ":", with: "."))-\(TokenSigner.digest(email).prefix(16))@\(from.domain)")
    }

    /// The double opt-in mail.
    public func confirmation(to email: String, frequency: DigestFrequency, token: String) -> MailMessage {
        let url = "\(baseURL)/subscribe/confirm?token=\(token)"
        let text = """
            Someone (hopefully you) asked to get the \(frequency.rawValue) trending papers of \(siteName) at this address.

            Confirm: \(url)

            If it was not you, ignore this mail: nothing will be sent.
            """
        let html = """
            <!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="font-family:Helvetica,Arial,sans-serif;color:#111827;">
            <p>Someone (hopefully you) asked to get the \(frequency.rawValue) trending papers of \(HTMLEscaping.escape(siteName)) at this address.</p>
            <p><a href="\(HTMLEscaping.escape(url))" style="display:inline-block;background:#4f46e5;color:#ffffff;padding:10px 16px;border-radius:8px;text-decoration:none;">Confirm my subscription</a></p>
            <p style="color:#6b7280;font-size:13px;">If it was not you, ignore this mail: nothing will be sent.</p>
            </body></html>
            """
        return MailMessage(from: from, to: [MailAddress(email)], subject: "Confirm your \(siteName) subscription",
                           textBody: text, htmlBody: html, headers: [("Auto-Submitted", "auto-generated")])
    }

    /// The magic sign-in link mail.
    public func signInLink(to email: String, token: String, minutes: Int) -> MailMessage {
        let url = "\(baseURL)/signin/email/verify?token=\(token)"
        let text = "Sign in to \(siteName): \(url)\n\nThe link works once, for \(minutes) minutes. If you did not ask for it, ignore this mail.\n"
        let html = """
            <!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="font-family:Helvetica,Arial,sans-serif;color:#111827;">
            <p><a href="\(HTMLEscaping.escape(url))" style="display:inline-block;background:#4f46e5;color:#ffffff;padding:10px 16px;border-radius:8px;text-decoration:none;">Sign in to \(HTMLEscaping.escape(siteName))</a></p>
            <p style="color:#6b7280;font-size:13px;">The link works once, for \(minutes) minutes. If you did not ask for it, ignore this mail.</p>
            </body></html>
            """
        return MailMessage(from: from, to: [MailAddress(email)], subject: "Your \(siteName) sign-in link",
                           textBody: text, htmlBody: html, headers: [("Auto-Submitted", "auto-generated")])
    }

    /// One paper: title, authors, a two-line summary, upvotes and links.
    func render(_ item: DigestPaper, number: Int, text: inout String, html: inout String) {
        let p = item.paper
        let url = "\(baseURL)/papers/\(p.id.rawValue)"
        let names = p.visibleAuthors.map(\.name)
        let authors = names.prefix(4).joined(separator: ", ") + (names.count > 4 ? " et al." : "")
        let summary = Self.summary(p.aiSummary ?? p.abstract)
        text += "\(number). \(Self.oneLine(p.title))\n"
        if !authors.isEmpty { text += "   \(authors)\n" }
        text += "   ▲ \(item.upvotes) · \(url)\(p.absURL.map { " · arXiv \($0)" } ?? "")\n"
        if !summary.isEmpty { text += "   \(summary)\n" }
        text += "\n"
        html += """
            <div style="background:#ffffff;border:1px solid #e5e7eb;border-radius:10px;padding:14px 16px;margin:0 0 12px;">
            <p style="margin:0 0 4px;font-size:16px;font-weight:600;"><a href="\(HTMLEscaping.escape(url))" style="color:#111827;text-decoration:none;">\(number). \(HTMLEscaping.escape(Self.oneLine(p.title)))</a></p>
            <p style="margin:0 0 6px;color:#6b7280;font-size:13px;">\(HTMLEscaping.escape(authors))</p>
            <p style="margin:0 0 8px;font-size:14px;line-height:1.45;">\(HTMLEscaping.escape(summary))</p>
            <p style="margin:0;font-size:13px;color:#6b7280;">▲ \(item.upvotes) · <a href="\(HTMLEscaping.escape(url))" style="color:#4f46e5;">Paper page</a>\(p.absURL.map { " · <a href=\"\(HTMLEscaping.escape($0))\" style=\"color:#4f46e5;\">arXiv</a>" } ?? "")</p>
            </div>

            """
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
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let c = day.description.split(separator: "-").compactMap { Int($0) }
        guard c.count == 3 else { return day.description }
        return "\(months[c[1] - 1]) \(c[2]), \(c[0])"
    }
}

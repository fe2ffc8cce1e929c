import Foundation
import PaperboyCore
import PaperboyDelivery
import PaperboyMail
import Testing

/// The mails rendered from their templates, byte for byte as the string-built composer wrote them (the expected
/// files were written by that composer), with HTML escaping in both parts checked.
@Suite("Mail rendering")
struct MailRenderingTests {
    static let composer = DigestComposer(baseURL: "https://papers.example.org/", from: MailAddress("digest@example.org"))
    static let day = Day(daysSinceEpoch: 20_242)

    static func item(_ id: String, _ title: String, authors: Int, summary: String?, upvotes: Int) -> FeedItem {
        let paper = Paper(id: PaperID(unchecked: id), title: title, abstract: String(repeating: "Long abstract words, ", count: 20),
                          authors: (0..<authors).map { Author(name: "Author \"\($0)\" O'Neil") }, aiSummary: summary,
                          source: "arxiv-listing")
        return FeedItem(paper: paper, entry: DailyEntry(day: day, paperID: paper.id, position: 1), upvotes: upvotes, comments: 0)
    }

    static func rendered() throws -> [String: String] {
        let items = [
            item("2406.00001", "Attention <is> all & \"you\"\n  need", authors: 6, summary: "Short <b>summary</b> & more.", upvotes: 12),
            item("local-0123456789ab", "Local 'paper'", authors: 0, summary: nil, upvotes: 0),
        ]
        let personal = [DigestSection(title: "Papers by <Tri> Dao", papers: [DigestPaper(paper: items[0].paper, upvotes: 3)]),
                        DigestSection(title: "Empty", papers: [])]
        var out: [String: String] = [:]
        func add(_ name: String, _ m: MailMessage) {
            out[name + ".txt"] = m.textBody ?? ""
            out[name + ".html"] = m.htmlBody ?? ""
            out[name + ".meta"] = ([m.subject] + m.headers.map { "\($0.name): \($0.value)" } + [m.messageID ?? ""]).joined(separator: "\n")
        }
        add("digest-daily", try composer.digest(items, period: .current(.daily, on: day), to: "ada@example.org",
                                                 unsubscribeToken: "tok<&>", personal: personal))
        add("digest-weekly-empty", try composer.digest([], period: .current(.weekly, on: day), to: "ada@example.org",
                                                        unsubscribeToken: "t"))
        add("confirmation", try composer.confirmation(to: "ada@example.org", frequency: .weekly, token: "c&t"))
        add("signin", try composer.signInLink(to: "ada@example.org", token: "s<t>", minutes: 15))
        return out
    }

    static let expected = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("ExpectedMails")

    @Test func mailsRenderAsBefore() throws {
        let mails = try Self.rendered()
        if ProcessInfo.processInfo.environment["PAPERBOY_WRITE_EXPECTED_MAILS"] == "1" {
            try FileManager.default.createDirectory(at: Self.expected, withIntermediateDirectories: true)
            for (name, body) in mails { try body.write(to: Self.expected.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        }
        #expect(mails.count == 12)
        for (name, body) in mails.sorted(by: { $0.key < $1.key }) {
            let want = try String(contentsOf: Self.expected.appendingPathComponent(name), encoding: .utf8)
            #expect(body == want, "\(name) differs")
        }
    }

    @Test func userTextIsEscapedInHTMLAndLiteralInText() throws {
        let mails = try Self.rendered()
        let html = try #require(mails["digest-daily.html"]), text = try #require(mails["digest-daily.txt"])
        #expect(html.contains("Attention &lt;is&gt; all &amp; &quot;you&quot; need") && !html.contains("<is>"))
        #expect(html.contains("Author &quot;0&quot; O&#39;Neil") && html.contains("Papers by &lt;Tri&gt; Dao"))
        #expect(html.contains("unsubscribe?token=tok&lt;&amp;&gt;") && !html.contains("<b>"))
        #expect(text.contains("1. Attention <is> all & \"you\" need") && text.contains("Papers by <Tri> Dao"))
        #expect(text.contains("Author \"0\" O'Neil, Author \"1\" O'Neil, Author \"2\" O'Neil, Author \"3\" O'Neil et al."))
        #expect(try #require(mails["signin.html"]).contains("token=s&lt;t&gt;"))
    }

    @Test func aPapersNoteIsShownUnderItsTitleEscapedInHTML() throws {
        let paper = Self.item("2406.00001", "Attention", authors: 1, summary: "S.", upvotes: 1).paper
        let section = DigestSection(title: "For you", papers: [DigestPaper(paper: paper, upvotes: 1, note: "By <Tri> Dao, whose papers you liked")])
        let mail = try Self.composer.digest([], period: .current(.weekly, on: Self.day), to: "ada@example.org",
                                            unsubscribeToken: "t", personal: [section])
        let text = try #require(mail.textBody), html = try #require(mail.htmlBody)
        #expect(text.contains("For you\n\n1. Attention\n   By <Tri> Dao, whose papers you liked\n   Author"))
        #expect(html.contains(">By &lt;Tri&gt; Dao, whose papers you liked</p>") && !html.contains("<Tri>"))
    }
}

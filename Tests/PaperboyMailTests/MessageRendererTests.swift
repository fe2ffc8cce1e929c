import Foundation
import Testing
@testable import PaperboyMail

@Suite("RFC 5322 / MIME message rendering")
struct MessageRendererTests {
    let message = MailMessage(
        from: MailAddress("digest@paperboy.example", name: "Paperboy"),
        to: [MailAddress("zoe@example.org", name: "Zoë")],
        bcc: [MailAddress("archive@paperboy.example")],
        subject: "Hello",
        textBody: "Plain\n.dot line\n",
        htmlBody: "<p>HTML é</p>",
        headers: [("List-Unsubscribe", "<https://paperboy.example/u?t=1>"),
                  ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")],
        date: Date(timeIntervalSince1970: 0))

    @Test("multipart/alternative with text first, HTML second, both quoted-printable")
    func multipart() throws {
        let rendered = try MessageRenderer().render(message)
        let text = String(decoding: rendered.bytes, as: UTF8.self)
        let (head, body) = try #require(text.split(separator: "\r\n\r\n", maxSplits: 1).map(String.init).pairs())
        #expect(head.components(separatedBy: "\r\n").allSatisfy { $0.count <= 78 })
        let boundaryLine = try #require(head.components(separatedBy: "\r\n").first { $0.hasPrefix(" boundary=") })
        let boundary = try #require(boundaryLine.components(separatedBy: "boundary=\"").last?.dropLast())
        let sections = body.components(separatedBy: "--\(boundary)")
        #expect(sections.count == 4)  // preamble, text, html, epilogue after the closing "--"
        #expect(sections[1].contains("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable"))
        #expect(sections[2].contains("Content-Type: text/html; charset=utf-8"))
        #expect(sections[2].contains("<p>HTML =C3=A9</p>"))
        #expect(sections[3] == "--\r\n")
        #expect(head.contains("MIME-Version: 1.0"))
        #expect(head.contains("Date: Thu, 01 Jan 1970 00:00:00 +0000"))
        #expect(head.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"))
        #expect(!head.contains("archive@"))
        #expect(head.contains("Message-ID: <\(rendered.messageID)>"))
        #expect(rendered.messageID.hasSuffix("@paperboy.example"))
        #expect(!rendered.usesEightBit)
        #expect(rendered.bytes.allSatisfy { $0 < 0x80 })
        #expect(message.allRecipients == ["zoe@example.org", "archive@paperboy.example"])
    }

    @Test("A single body is a single part")
    func singlePart() throws {
        var single = message
        single.htmlBody = nil
        let text = String(decoding: try MessageRenderer().render(single).bytes, as: UTF8.self)
        #expect(text.contains("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nPlain\r\n.dot line\r\n"))
        #expect(!text.contains("multipart"))
    }

    @Test("8bit is used only when allowed; ASCII parts go as 7bit")
    func eightBit() throws {
        let rendered = try MessageRenderer(allowEightBit: true).render(message)
        let text = String(decoding: rendered.bytes, as: UTF8.self)
        #expect(rendered.usesEightBit)
        #expect(text.contains("Content-Transfer-Encoding: 7bit\r\n\r\nPlain\r\n"))
        #expect(text.contains("Content-Transfer-Encoding: 8bit\r\n\r\n<p>HTML é</p>"))
    }

    @Test("Header injection and malformed input are refused", arguments: [
        ("X-Evil", "a\r\nBcc: victim@example.org"),
        ("Bad Name", "x"),
        ("Subject", "duplicate"),
    ])
    func injection(name: String, value: String) {
        var bad = message
        bad.headers = [(name, value)]
        #expect(throws: MailError.self) { try MessageRenderer().render(bad) }
    }

    @Test("Addresses with angle brackets or line breaks are refused")
    func badAddress() {
        var bad = message
        bad.to = [MailAddress("a@b.org>\r\nRCPT TO:<c@d.org")]
        let error = #expect(throws: MailError.self) { try MessageRenderer().render(bad) }
        #expect(error?.code == .invalidMessage)
        bad.to = []
        bad.bcc = []
        #expect(throws: MailError.self) { try MessageRenderer().render(bad) }
    }

    @Test("Non-ASCII addresses require SMTPUTF8")
    func smtpUTF8() {
        var utf8 = message
        #expect(!utf8.needsSMTPUTF8)
        utf8.to = [MailAddress("зоя@пример.рф")]
        #expect(utf8.needsSMTPUTF8)
    }
}

extension Array {
    fileprivate func pairs() -> (Element, Element)? { count == 2 ? (self[0], self[1]) : nil }
}

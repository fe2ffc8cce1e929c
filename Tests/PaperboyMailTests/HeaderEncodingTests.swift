import Foundation
import Testing
@testable import PaperboyMail

@Suite("RFC 2047 headers and folding")
struct HeaderEncodingTests {
    @Test("ASCII subjects stay readable and fold at spaces within 78 characters")
    func asciiFolding() {
        let subject = "Trending papers: " + Array(repeating: "transformers scale", count: 8).joined(separator: " ")
        let header = HeaderEncoding.unstructured(name: "Subject", value: subject)
        let physical = header.components(separatedBy: "\r\n")
        #expect(physical.count > 1)
        #expect(physical.allSatisfy { $0.count <= 78 })
        #expect(physical.dropFirst().allSatisfy { $0.hasPrefix(" ") })
        #expect(header.replacingOccurrences(of: "\r\n", with: "") == "Subject: " + subject)
    }

    @Test("Runs of spaces survive folding and unfolding exactly")
    func doubleSpaces() {
        let subject = String(repeating: "word  ", count: 20) + "end"
        let header = HeaderEncoding.unstructured(name: "Subject", value: subject)
        #expect(header.replacingOccurrences(of: "\r\n", with: "") == "Subject: " + subject)
        #expect(header.components(separatedBy: "\r\n").allSatisfy { !$0.trimmingCharacters(in: .whitespaces).isEmpty })
    }

    @Test("Non-ASCII subjects become encoded-words of at most 75 characters that decode to the original",
          arguments: [
              "Zoë Müller's Übersicht der Woche",
              "每日论文：大型语言模型的推理能力与对齐方法研究综述，以及更多关于扩散模型的最新进展",
              "🧪👩‍🔬🧬 Papers of the week: 👨‍👩‍👧‍👦 families 🇺🇦 flags and 😀 more emoji 🎉🎉🎉🎉🎉🎉🎉🎉",
              "Ελληνικά και русский и עברית and ASCII mixed together in one rather long subject line",
          ])
    func encodedWords(subject: String) {
        let header = HeaderEncoding.unstructured(name: "Subject", value: subject)
        let physical = header.components(separatedBy: "\r\n")
        #expect(physical.allSatisfy { $0.count <= 78 })
        #expect(header.utf8.allSatisfy { $0 < 0x80 })
        #expect(decodeHeaderValue(header) == subject)
        for word in HeaderEncoding.encodedWords(subject) {
            #expect(word.count <= 75)
            let payload = word.dropFirst("=?UTF-8?B?".count).dropLast(2)
            let bytes = Data(base64Encoded: String(payload)).map(Array.init) ?? []
            // Each word decodes on its own to valid UTF-8: no character is split across words.
            #expect(String(validating: bytes, as: UTF8.self) != nil)
        }
    }

    @Test("Graphemes are not split between encoded-words")
    func graphemes() {
        let family = "👨‍👩‍👧‍👦"
        let words = HeaderEncoding.encodedWords(String(repeating: family, count: 6))
        for word in words {
            let payload = word.dropFirst("=?UTF-8?B?".count).dropLast(2)
            let text = String(decoding: Data(base64Encoded: String(payload)) ?? Data(), as: UTF8.self)
            #expect(text.count >= 1)
            #expect(text.allSatisfy { $0 == Character(family) })
        }
    }

    @Test("ASCII that looks like an encoded-word is itself encoded")
    func lookalike() {
        let header = HeaderEncoding.unstructured(name: "Subject", value: "=?UTF-8?B?aGk=?= literal")
        #expect(header.hasPrefix("Subject: =?UTF-8?B?"))
        #expect(decodeHeaderValue(header) == "=?UTF-8?B?aGk=?= literal")
    }

    @Test("Line breaks in a subject become spaces")
    func lineBreaks() {
        #expect(HeaderEncoding.unstructured(name: "Subject", value: "a\r\nb\nc\rd") == "Subject: a b c d")
    }

    @Test("Display names: atoms, quoted strings with escapes, encoded-words")
    func displayNames() {
        #expect(HeaderEncoding.addressList(name: "From", addresses: [MailAddress("ada@example.org", name: "Ada Lovelace")])
            == "From: Ada Lovelace <ada@example.org>")
        #expect(HeaderEncoding.addressList(name: "To", addresses: [MailAddress("j@example.org", name: "Doe, \"JD\" \\ John")])
            == "To: \"Doe, \\\"JD\\\" \\\\ John\" <j@example.org>")
        #expect(HeaderEncoding.addressList(name: "To", addresses: [MailAddress("a@x.org"), MailAddress("b@x.org")])
            == "To: a@x.org, b@x.org")
        let encoded = HeaderEncoding.addressList(name: "From", addresses: [MailAddress("z@example.org", name: "Zoë Müller")])
        #expect(encoded == "From: =?UTF-8?B?Wm/DqyBNw7xsbGVy?= <z@example.org>")
    }

    @Test("Long address lists fold between mailboxes")
    func longAddressList() {
        let addresses = (0..<12).map { MailAddress("reader\($0)@example.org", name: "Reader Number \($0)") }
        let header = HeaderEncoding.addressList(name: "To", addresses: addresses)
        #expect(header.components(separatedBy: "\r\n").allSatisfy { $0.count <= 78 })
        #expect(header.replacingOccurrences(of: "\r\n", with: "").contains("Reader Number 11 <reader11@example.org>"))
    }
}

import Foundation
import Testing
@testable import PaperboyMail

@Suite("Quoted-printable and dot-stuffing")
struct BodyEncodingTests {
    @Test("Known quoted-printable encodings")
    func vectors() {
        #expect(String(decoding: QuotedPrintable.encode("Zoë"), as: UTF8.self) == "Zo=C3=AB")
        #expect(String(decoding: QuotedPrintable.encode("a=b"), as: UTF8.self) == "a=3Db")
        #expect(String(decoding: QuotedPrintable.encode("trailing \nspace\t"), as: UTF8.self) == "trailing=20\r\nspace=09")
        #expect(String(decoding: QuotedPrintable.encode("a\r\nb\rc\n"), as: UTF8.self) == "a\r\nb\r\nc\r\n")
        #expect(QuotedPrintable.encode("").isEmpty)
    }

    @Test("Long lines get soft breaks, lines stay within 76, escapes are never split", arguments: [
        String(repeating: "x", count: 300),
        String(repeating: "é", count: 120),
        String(repeating: "ab=cd ", count: 50) + "\n" + String(repeating: "汉字", count: 60),
    ])
    func softBreaks(text: String) {
        let encoded = QuotedPrintable.encode(text)
        for line in lines(encoded) {
            #expect(line.count <= 76)
            // A soft break '=' is last; any other '=' starts a full triplet.
            let body = line.hasSuffix("=") ? String(line.dropLast()) : line
            let chars = Array(body.utf8)
            for (index, byte) in chars.enumerated() where byte == 61 { #expect(index + 2 < chars.count) }
        }
        #expect(decodeQuotedPrintable(encoded) == text.replacingOccurrences(of: "\n", with: "\r\n"))
    }

    @Test("Dot-stuffing doubles leading dots and terminates with CRLF.CRLF")
    func dotStuffing() {
        let input = Array(".hello\r\n..x\r\nmid.dle\r\n.\r\nok".utf8)
        let output = String(decoding: DotStuffing.encode(input), as: UTF8.self)
        #expect(output == "..hello\r\n...x\r\nmid.dle\r\n..\r\nok\r\n.\r\n")
        #expect(String(decoding: DotStuffing.encode(Array("a\r\n".utf8)), as: UTF8.self) == "a\r\n.\r\n")
    }

    @Test("RFC 5322 dates")
    func dates() {
        #expect(RFC5322Date.string(from: Date(timeIntervalSince1970: 0)) == "Thu, 01 Jan 1970 00:00:00 +0000")
        #expect(RFC5322Date.string(from: Date(timeIntervalSince1970: 1_795_966_790)) == "Sun, 29 Nov 2026 15:39:50 +0000")
        #expect(RFC5322Date.string(from: Date(timeIntervalSince1970: 951_782_400)) == "Tue, 29 Feb 2000 00:00:00 +0000")
    }

    @Test("Exponential backoff doubles and is capped")
    func backoff() {
        let policy = RetryPolicy(maxAttempts: 5, initialDelay: .milliseconds(100), multiplier: 2, maxDelay: .milliseconds(350))
        #expect(policy.delay(afterAttempt: 1) == .milliseconds(100))
        #expect(policy.delay(afterAttempt: 2) == .milliseconds(200))
        #expect(policy.delay(afterAttempt: 3) == .milliseconds(350))
    }
}

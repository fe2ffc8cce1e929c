import Testing
@testable import PaperboyMail

@Suite("SMTP URLs")
struct SMTPConfigurationTests {
    @Test("smtp:// with credentials, percent-decoding and defaults")
    func plain() throws {
        let config = try SMTPConfiguration(url: "smtp://user%40example.org:p%40ss%3Aw%2Fd%20x@mail.example.org:587")
        #expect(config.host == "mail.example.org")
        #expect(config.port == 587)
        #expect(config.username == "user@example.org")
        #expect(config.password == "p@ss:w/d x")
        #expect(config.security == .startTLSIfOffered)
        #expect(config.certificateVerification == .full)
    }

    @Test("Scheme defaults and options")
    func options() throws {
        let smtps = try SMTPConfiguration(url: "smtps://mail.example.org")
        #expect(smtps.port == 465 && smtps.security == .implicitTLS && smtps.username == nil)
        #expect(try SMTPConfiguration(url: "smtp://h").port == 25)
        #expect(try SMTPConfiguration(url: "smtp://h?starttls=required").security == .startTLSRequired)
        #expect(try SMTPConfiguration(url: "smtp://h?starttls=never").security == .plain)
        let custom = try SMTPConfiguration(url: "smtp://h:2525?tls_verify=none&ca_file=/tmp/ca.pem&timeout=2.5&retries=5&body=8bit&auth=login&helo=pb.example")
        #expect(custom.certificateVerification == .none)
        #expect(custom.trustRootsFile == "/tmp/ca.pem")
        #expect(custom.commandTimeout == .milliseconds(2500))
        #expect(custom.retry.maxAttempts == 5)
        #expect(custom.bodyEncoding == .eightBitWhenOffered)
        #expect(custom.authMechanism == "LOGIN")
        #expect(custom.heloName == "pb.example")
        #expect(try SMTPConfiguration(url: "smtp://[::1]:25").host == "::1")
    }

    @Test("Invalid URLs are refused with invalidConfiguration", arguments: [
        "http://mail.example.org", "smtp://", "smtp://h?starttls=maybe", "smtp://h?timeout=-1", "not a url", "smtp://h?bogus=1",
        "smtps://h?starttls=required",
    ])
    func invalid(url: String) {
        let error = #expect(throws: MailError.self) { try SMTPConfiguration(url: url) }
        #expect(error?.code == .invalidConfiguration)
    }

    @Test("Passwords are redacted in messages")
    func redaction() {
        #expect(!SMTPConfiguration.redacted("smtp://u:secret@h").contains("secret"))
    }

    @Test("EHLO capabilities are parsed")
    func capabilities() {
        let reply = SMTPReply(code: 250, lines: ["mx.example.org", "PIPELINING", "SIZE 1000", "AUTH LOGIN PLAIN", "8BITMIME", "STARTTLS"])
        let caps = SMTPCapabilities(ehloReply: reply)
        #expect(caps.pipelining && caps.startTLS && caps.eightBitMIME && !caps.smtpUTF8)
        #expect(caps.authMechanisms == ["LOGIN", "PLAIN"])
        #expect(caps.sizeLimit == 1000)
    }
}

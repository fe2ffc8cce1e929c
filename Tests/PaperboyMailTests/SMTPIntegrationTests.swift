import Foundation
import Testing
@testable import PaperboyMail

/// Delivery to a real SMTP server (aiosmtpd) started by `scripts/test-mail.sh`.
@Suite("SMTP delivery to aiosmtpd", .enabled(if: SMTPTestServer.isAvailable, "run scripts/test-mail.sh"))
struct SMTPIntegrationTests {
    let server = SMTPTestServer.current!

    static let text = """
    Your digest for Monday — Zoë's picks 📰

    .This line starts with a dot
    ..and this one with two
    .
    Trailing spaces stay   
    \(String(repeating: "A long line that needs soft breaks in quoted-printable. ", count: 6))
    TeX: $\\alpha + \\beta$ and \\textbf{x}; 中文摘要；עברית.
    """
    static let html = """
    <html><body><p style="color:#333">Zoë's picks — <b>bold</b> &amp; 中文</p>
    .leading dot in HTML
    </body></html>
    """

    func digest(to recipients: [MailAddress], subject: String = "Trending: Zoë Müller et al. — 大型语言模型 🧪 \(UUID().uuidString.prefix(8))") -> MailMessage {
        MailMessage(
            from: MailAddress("digest@paperboy.example", name: "Paperboy Digest, Daily"),
            to: recipients, subject: subject, textBody: Self.text, htmlBody: Self.html,
            headers: [("List-Unsubscribe", "<https://paperboy.example/unsubscribe?token=abc.def>, <mailto:unsubscribe@paperboy.example?subject=unsub>"),
                      ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")])
    }

    func assertDigest(_ mail: ReceivedMail, _ message: MailMessage) {
        #expect(mail.defects.isEmpty)
        #expect(mail.header("Subject") == message.subject)
        #expect(mail.addresses["from"] == [.init(name: "Paperboy Digest, Daily", address: "digest@paperboy.example")])
        #expect(mail.header("List-Unsubscribe-Post") == "List-Unsubscribe=One-Click")
        #expect(mail.header("List-Unsubscribe") == message.headers[0].value)
        #expect(mail.header("MIME-Version") == "1.0")
        #expect(mail.header("Date") != nil)
        #expect(mail.content_type == "multipart/alternative")
        #expect(mail.parts.map(\.content_type) == ["text/plain", "text/html"])
        #expect(mail.parts.first?.content.lf == Self.text)
        #expect(mail.parts.last?.content.lf == Self.html)
        #expect(mail.max_header_line <= 78)
        #expect(mail.max_line <= 998)
    }

    @Test("Plain SMTP with PIPELINING: headers, both MIME parts, dots and non-ASCII arrive intact")
    func plainMultipart() async throws {
        let mailer = try SMTPMailer(url: server.url(port: server.plainPort, query: "starttls=never"))
        let message = digest(to: [MailAddress("reader@example.org", name: "Zoë Müller"), MailAddress("second@example.org")])
        let report = try await mailer.send(message)
        #expect(report.accepted == ["reader@example.org", "second@example.org"])
        #expect(report.rejected.isEmpty)
        let mail = try server.received(report.messageID)
        assertDigest(mail, message)
        #expect(mail.addresses["to"] == [.init(name: "Zoë Müller", address: "reader@example.org"),
                                         .init(name: "", address: "second@example.org")])
        #expect(mail.header("Message-ID") == "<\(report.messageID)>")
        #expect(mail.parts.allSatisfy { $0.transfer_encoding == "quoted-printable" && $0.charset == "utf-8" })
        #expect(mail.rcpt_tos == ["reader@example.org", "second@example.org"])
        #expect(!mail.tls && !mail.authenticated)
        #expect(try server.raw(report.messageID).contains("\r\n.This line starts with a dot"))
    }

    @Test("STARTTLS + AUTH PLAIN with a percent-encoded password and a trusted throwaway CA")
    func startTLSPlain() async throws {
        let url = server.url(port: server.tlsPort, credentials: server.credentials, query: "starttls=required&ca_file=\(server.caFile)")
        let mailer = try SMTPMailer(url: url)
        let connection = try await mailer.connect()
        #expect(connection.isSecure && connection.isAuthenticated)
        await connection.close()
        let message = digest(to: [MailAddress("tls@example.org")])
        let report = try await mailer.send(message)
        let mail = try server.received(report.messageID)
        #expect(mail.tls && mail.authenticated)
        assertDigest(mail, message)
    }

    @Test("STARTTLS + AUTH LOGIN")
    func startTLSLogin() async throws {
        let url = server.url(port: server.tlsPort, credentials: server.credentials, query: "ca_file=\(server.caFile)&auth=login")
        let report = try await SMTPMailer(url: url).send(digest(to: [MailAddress("login@example.org")]))
        let mail = try server.received(report.messageID)
        #expect(mail.tls && mail.authenticated)
    }

    @Test("A wrong password gives authenticationFailed with 535, without retries")
    func wrongPassword() async throws {
        let url = server.url(port: server.tlsPort, credentials: "\(server.user):wrong@", query: "ca_file=\(server.caFile)")
        let error = await #expect(throws: MailError.self) { try await SMTPMailer(url: url).send(digest(to: [MailAddress("x@example.org")])) }
        #expect(error?.code == .authenticationFailed)
        #expect(error?.smtpCode == 535)
        #expect(error?.message.contains("535") == true)
        #expect(error?.isTransient == false)  // so the mailer does not retry it
    }

    @Test("Without the CA the self-signed certificate is refused; tls_verify=none accepts it")
    func untrustedCertificate() async throws {
        let strict = try SMTPMailer(url: server.url(port: server.tlsPort, credentials: server.credentials, query: "retries=1"))
        let error = await #expect(throws: MailError.self) { try await strict.send(digest(to: [MailAddress("x@example.org")])) }
        #expect(error?.code == .tlsFailed)
        let lax = try SMTPMailer(url: server.url(port: server.tlsPort, credentials: server.credentials, query: "tls_verify=none"))
        let report = try await lax.send(digest(to: [MailAddress("lax@example.org")]))
        #expect(report.accepted == ["lax@example.org"])
    }

    @Test("starttls=required fails clearly when the server does not offer STARTTLS")
    func startTLSRequired() async throws {
        let mailer = try SMTPMailer(url: server.url(port: server.plainPort, query: "starttls=required"))
        let error = await #expect(throws: MailError.self) { try await mailer.send(digest(to: [MailAddress("x@example.org")])) }
        #expect(error?.code == .tlsFailed)
        #expect(error?.message.contains("STARTTLS") == true)
    }

    @Test("Implicit TLS (smtps://) with AUTH")
    func implicitTLS() async throws {
        let url = server.url(port: server.smtpsPort, scheme: "smtps", credentials: server.credentials, query: "ca_file=\(server.caFile)")
        let message = digest(to: [MailAddress("smtps@example.org")])
        let report = try await SMTPMailer(url: url).send(message)
        let mail = try server.received(report.messageID)
        #expect(mail.authenticated)
        assertDigest(mail, message)
    }

    @Test("Per-recipient results: 550 and 451 refusals while another recipient is accepted")
    func partialRecipients() async throws {
        let mailer = try SMTPMailer(url: server.url(port: server.plainPort))
        let report = try await mailer.send(digest(to: [MailAddress("bounce@example.org"), MailAddress("ok@example.org"),
                                                       MailAddress("tempfail@example.org")]))
        #expect(report.accepted == ["ok@example.org"])
        #expect(report.rejected.map(\.address) == ["bounce@example.org", "tempfail@example.org"])
        #expect(report.rejected.map(\.code) == [550, 451])
        #expect(report.rejected.map(\.isTransient) == [false, true])
        #expect(try server.received(report.messageID).rcpt_tos == ["ok@example.org"])
    }

    @Test("A rejected sole recipient is a permanent 550; a 451 is transient and retried with backoff")
    func refusals() async throws {
        let bounce = await #expect(throws: MailError.self) {
            try await SMTPMailer(url: server.url(port: server.plainPort)).send(digest(to: [MailAddress("bounce@example.org")]))
        }
        #expect(bounce?.code == .permanentFailure)
        #expect(bounce?.smtpCode == 550)
        #expect(bounce?.rejectedRecipients.first?.address == "bounce@example.org")
        #expect(bounce?.message.contains("User unknown") == true)

        var config = try SMTPConfiguration(url: server.url(port: server.legacyPort))
        config.retry = RetryPolicy(maxAttempts: 3, initialDelay: .milliseconds(100), multiplier: 2)
        let start = ContinuousClock.now
        let temp = await #expect(throws: MailError.self) {
            try await SMTPMailer(configuration: config).send(digest(to: [MailAddress("tempfail@example.org")]))
        }
        #expect(temp?.code == .transientFailure)
        #expect(temp?.smtpCode == 451)
        #expect(temp?.isTransient == true)
        #expect(ContinuousClock.now - start >= .milliseconds(300))  // 100 ms + 200 ms of backoff
    }

    @Test("No 8BITMIME, PIPELINING or SMTPUTF8: quoted-printable, sequential commands, clear SMTPUTF8 error")
    func legacyServer() async throws {
        let mailer = try SMTPMailer(url: server.url(port: server.legacyPort, query: "body=8bit"))
        let connection = try await mailer.connect()
        #expect(!connection.capabilities.pipelining && !connection.capabilities.eightBitMIME)
        await connection.close()
        let message = digest(to: [MailAddress("legacy@example.org")])
        let report = try await mailer.send(message)
        let mail = try server.received(report.messageID)
        assertDigest(mail, message)
        #expect(mail.parts.allSatisfy { $0.transfer_encoding == "quoted-printable" })
        #expect(!mail.mail_options.contains("BODY=8BITMIME"))

        let error = await #expect(throws: MailError.self) {
            try await mailer.send(digest(to: [MailAddress("зоя@example.org")]))
        }
        #expect(error?.code == .smtpUTF8Unsupported)
    }

    @Test("8BITMIME and SMTPUTF8 are used when offered and needed")
    func eightBitAndUTF8() async throws {
        let mailer = try SMTPMailer(url: server.url(port: server.plainPort, query: "body=8bit"))
        let message = digest(to: [MailAddress("зоя@example.org", name: "Зоя")])
        let report = try await mailer.send(message)
        let mail = try server.received(report.messageID)
        #expect(mail.mail_options.contains("BODY=8BITMIME"))
        #expect(mail.mail_options.contains("SMTPUTF8"))
        #expect(mail.rcpt_tos == ["зоя@example.org"])
        #expect(mail.parts.allSatisfy { $0.transfer_encoding == "8bit" })
        #expect(mail.parts.first?.content.lf == Self.text)
        #expect(mail.header("Subject") == message.subject)
    }

    @Test("HELO fallback when EHLO is refused")
    func heloFallback() async throws {
        let mailer = try SMTPMailer(url: server.url(port: server.heloPort))
        let connection = try await mailer.connect()
        #expect(!connection.capabilities.isExtended)
        await connection.close()
        let message = digest(to: [MailAddress("helo@example.org")])
        let report = try await mailer.send(message)
        assertDigest(try server.received(report.messageID), message)
    }

    @Test("A batch over reused connections: failures stay with their message, RSET recovers", arguments: [1, 3])
    func batch(connections: Int) async throws {
        for port in [server.plainPort, server.legacyPort] {
            var config = try SMTPConfiguration(url: server.url(port: port))
            config.retry = RetryPolicy(maxAttempts: 2, initialDelay: .milliseconds(50))
            let mailer = SMTPMailer(configuration: config)
            func recipient(_ index: Int) -> String {
                index % 5 == 2 ? "bounce@example.org" : index % 7 == 3 ? "tempfail@example.org" : "batch\(index)@example.org"
            }
            let messages = (0..<24).map { index in
                digest(to: [MailAddress(recipient(index))], subject: "Batch \(index) über")
            }
            let results = await mailer.send(messages, connections: connections)
            #expect(results.count == messages.count)
            for (index, result) in results.enumerated() {
                switch result {
                case .success(let report):
                    #expect(recipient(index).hasPrefix("batch"))
                    let mail = try server.received(report.messageID)
                    #expect(mail.rcpt_tos == ["batch\(index)@example.org"])
                    #expect(mail.header("Subject") == "Batch \(index) über")
                    assertDigest(mail, messages[index])
                case .failure(let error):
                    #expect(error.smtpCode == (recipient(index).hasPrefix("bounce") ? 550 : 451))
                    #expect(!recipient(index).hasPrefix("batch"))
                }
            }
        }
    }

    @Test("Concurrent sends on one connection are queued, not interleaved")
    func concurrentSends() async throws {
        let mailer = try SMTPMailer(url: server.url(port: server.plainPort))
        let messages = (0..<10).map { digest(to: [MailAddress("concurrent\($0)@example.org")], subject: "Concurrent \($0)") }
        let reports = try await mailer.withConnection { connection in
            try await withThrowingTaskGroup(of: DeliveryReport.self) { group in
                for message in messages { group.addTask { try await connection.send(message) } }
                return try await group.reduce(into: [DeliveryReport]()) { $0.append($1) }
            }
        }
        #expect(reports.count == 10)
        for report in reports {
            let mail = try server.received(report.messageID)
            #expect(mail.rcpt_tos == report.accepted)
            #expect(mail.header("Subject") == "Concurrent \(report.accepted[0].dropFirst(10).prefix { $0 != "@" })")
        }
    }

    @Test("Connection refused is a transient connectionFailed after the configured attempts")
    func connectionRefused() async throws {
        var config = try SMTPConfiguration(url: "smtp://127.0.0.1:1")
        config.retry = RetryPolicy(maxAttempts: 2, initialDelay: .milliseconds(50))
        let error = await #expect(throws: MailError.self) {
            try await SMTPMailer(configuration: config).send(digest(to: [MailAddress("x@example.org")]))
        }
        #expect(error?.code == .connectionFailed)
        #expect(error?.isTransient == true)
    }

    @Test("A server that never answers times out per command")
    func timeout() async throws {
        let mailer = try SMTPMailer(url: server.url(port: server.silentPort, query: "timeout=0.3&retries=1"))
        // Only the outcome is checked: how long it takes depends on the machine's load (timed tests are flaky).
        let error = await #expect(throws: MailError.self) { try await mailer.send(digest(to: [MailAddress("x@example.org")])) }
        #expect(error?.code == .timeout)
    }
}

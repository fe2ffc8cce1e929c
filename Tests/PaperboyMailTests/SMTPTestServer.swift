import Foundation
@testable import PaperboyMail

/// The local aiosmtpd servers started by `scripts/test-mail.sh` (ports and paths from the environment).
struct SMTPTestServer {
    let host: String
    let plainPort: Int
    let tlsPort: Int
    let smtpsPort: Int
    let legacyPort: Int
    let heloPort: Int
    let silentPort: Int
    let caFile: String
    let maildir: String
    let user: String
    let password: String

    /// Nil (and the integration suites disabled) when the script did not set the variables.
    static let current: SMTPTestServer? = {
        let env = ProcessInfo.processInfo.environment
        func port(_ name: String) -> Int? { env["PAPERBOY_SMTP_TEST_\(name)_PORT"].flatMap(Int.init) }
        guard let plain = port("PLAIN"), let tls = port("TLS"), let smtps = port("SMTPS"), let legacy = port("LEGACY"),
              let helo = port("HELO"), let silent = port("SILENT"), let ca = env["PAPERBOY_SMTP_TEST_CA"],
              let maildir = env["PAPERBOY_SMTP_TEST_MAILDIR"] else { return nil }
        return SMTPTestServer(host: env["PAPERBOY_SMTP_TEST_HOST"] ?? "localhost", plainPort: plain, tlsPort: tls,
                              smtpsPort: smtps, legacyPort: legacy, heloPort: helo, silentPort: silent, caFile: ca,
                              maildir: maildir, user: env["PAPERBOY_SMTP_TEST_USER"] ?? "paperboy",
                              password: env["PAPERBOY_SMTP_TEST_PASSWORD"] ?? "")
    }()

    static var isAvailable: Bool { current != nil }

    /// `user:password@` with both parts percent-encoded.
    var credentials: String {
        func encode(_ text: String) -> String {
            text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
        }
        return "\(encode(user)):\(encode(password))@"
    }

    func url(port: Int, scheme: String = "smtp", credentials: String = "", query: String = "") -> String {
        "\(scheme)://\(credentials)\(host):\(port)" + (query.isEmpty ? "" : "?\(query)")
    }

    /// What the server saved for `messageID` (decoded by Python's `email` package).
    func received(_ messageID: String) throws -> ReceivedMail {
        let safe = String(messageID.map { $0.isLetter || $0.isNumber || "@._-".contains($0) ? $0 : "_" })
        let url = URL(fileURLWithPath: maildir).appendingPathComponent(safe + ".json")
        return try JSONDecoder().decode(ReceivedMail.self, from: Data(contentsOf: url))
    }

    func raw(_ messageID: String) throws -> String {
        let safe = String(messageID.map { $0.isLetter || $0.isNumber || "@._-".contains($0) ? $0 : "_" })
        return try String(contentsOfFile: URL(fileURLWithPath: maildir).appendingPathComponent(safe + ".eml").path, encoding: .utf8)
    }
}

/// The JSON that `scripts/smtp-test-server.py` writes per received message.
struct ReceivedMail: Decodable {
    struct Address: Decodable, Equatable {
        var name: String
        var address: String
    }

    struct Part: Decodable {
        var content_type: String
        var charset: String?
        var transfer_encoding: String
        var content: String
    }

    var headers: [String: [String]]
    var addresses: [String: [Address]]
    var content_type: String
    var parts: [Part]
    var defects: [String]
    var max_header_line: Int
    var max_line: Int
    var mail_from: String
    var rcpt_tos: [String]
    var mail_options: [String]
    var authenticated: Bool
    var tls: Bool

    func header(_ name: String) -> String? { headers[name.lowercased()]?.first }
}

extension String {
    /// LF line endings, for comparing decoded parts with the original text.
    var lf: String { replacingOccurrences(of: "\r\n", with: "\n") }
}

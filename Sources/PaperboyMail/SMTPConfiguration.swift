import Foundation

/// Everything needed to reach and use an SMTP server; usually parsed from a URL.
///
/// URL forms:
/// - `smtp://user:pass@host:port` — port 25 by default; upgrades with STARTTLS when the server offers it.
/// - `smtp://host?starttls=required` — refuse to continue without STARTTLS; `?starttls=never` stays plain.
/// - `smtps://user:pass@host` — implicit TLS, port 465 by default.
///
/// User and password are percent-decoded (`p%40ss` → `p@ss`). Other query items:
/// `tls_verify=none` (accept any certificate; tests only), `ca_file=/path/ca.pem` (trust this CA or
/// self-signed certificate in addition to nothing else), `helo=name`, `timeout=seconds` (per command),
/// `connect_timeout=seconds`, `retries=n` (attempts in total), `body=8bit` (use 8BITMIME when offered), `auth=plain|login`.
public struct SMTPConfiguration: Sendable, Equatable {
    /// How the connection is protected.
    public enum Security: Sendable, Equatable {
        /// Plain connection, STARTTLS when the server offers it.
        case startTLSIfOffered
        /// Plain connection that must be upgraded with STARTTLS; fails if not offered.
        case startTLSRequired
        /// Plain connection, never upgraded.
        case plain
        /// TLS from the first byte (`smtps://`).
        case implicitTLS
    }

    /// How the server certificate is checked.
    public enum CertificateVerification: Sendable, Equatable {
        /// Chain and host name are verified against the system roots (or ``SMTPConfiguration/trustRootsFile``).
        case full
        /// Nothing is verified. For tests against throwaway certificates only.
        case none
    }

    /// Server host name or IP address.
    public var host: String
    /// Server TCP port.
    public var port: Int
    /// Connection security.
    public var security: Security
    /// SASL user name (AUTH PLAIN/LOGIN); nil to skip authentication.
    public var username: String?
    /// SASL password.
    public var password: String?
    /// Certificate verification mode.
    public var certificateVerification: CertificateVerification
    /// A PEM file of CA or self-signed certificates to trust instead of the system roots.
    public var trustRootsFile: String?
    /// The name sent with EHLO/HELO.
    public var heloName: String
    /// Limit for establishing the TCP connection (and TLS handshake for implicit TLS).
    public var connectTimeout: Duration
    /// Limit for each reply (greeting, EHLO, MAIL, RCPT, …).
    public var commandTimeout: Duration
    /// Limit for the reply after the message data (servers may scan the message first).
    public var dataTimeout: Duration
    /// Retry policy for transient failures.
    public var retry: RetryPolicy
    /// Transfer encoding policy for text parts.
    public var bodyEncoding: BodyEncoding
    /// Forces a SASL mechanism (`"PLAIN"` or `"LOGIN"`); nil picks PLAIN when offered, else LOGIN.
    public var authMechanism: String?

    /// Creates a configuration.
    public init(
        host: String,
        port: Int = 25,
        security: Security = .startTLSIfOffered,
        username: String? = nil,
        password: String? = nil,
        certificateVerification: CertificateVerification = .full,
        trustRootsFile: String? = nil,
        heloName: String = "localhost",
        connectTimeout: Duration = .seconds(10),
        commandTimeout: Duration = .seconds(30),
        dataTimeout: Duration = .seconds(120),
        retry: RetryPolicy = RetryPolicy(),
        bodyEncoding: BodyEncoding = .quotedPrintable
    ) {
        self.host = host
        self.port = port
        self.security = security
        self.username = username
        self.password = password
        self.certificateVerification = certificateVerification
        self.trustRootsFile = trustRootsFile
        self.heloName = heloName
        self.connectTimeout = connectTimeout
        self.commandTimeout = commandTimeout
        self.dataTimeout = dataTimeout
        self.retry = retry
        self.bodyEncoding = bodyEncoding
        self.authMechanism = nil
    }

    /// Parses an `smtp://` or `smtps://` URL (see the type's documentation).
    /// Throws ``MailError/Code/invalidConfiguration`` for other schemes, a missing host, bad ports or options.
    public init(url string: String) throws {
        guard let components = URLComponents(string: string), let scheme = components.scheme?.lowercased() else {
            throw MailError(.invalidConfiguration, "Not a URL: \(Self.redacted(string))")
        }
        let implicit: Bool
        switch scheme {
        case "smtp": implicit = false
        case "smtps": implicit = true
        default: throw MailError(.invalidConfiguration, "Unsupported scheme \(scheme)://; use smtp:// or smtps://")
        }
        guard var host = components.percentEncodedHost, !host.isEmpty else {
            throw MailError(.invalidConfiguration, "The SMTP URL has no host: \(Self.redacted(string))")
        }
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        host = host.removingPercentEncoding ?? host
        if let port = components.port, !(1...65_535).contains(port) {
            throw MailError(.invalidConfiguration, "Invalid port \(port)")
        }
        self.init(host: host, port: components.port ?? (implicit ? 465 : 25), security: implicit ? .implicitTLS : .startTLSIfOffered)
        if let user = components.percentEncodedUser, !user.isEmpty {
            username = user.removingPercentEncoding ?? user
            password = components.percentEncodedPassword.map { $0.removingPercentEncoding ?? $0 } ?? ""
        }
        for item in components.queryItems ?? [] {
            try apply(option: item.name.lowercased(), value: item.value ?? "", implicit: implicit)
        }
    }

    private mutating func apply(option: String, value: String, implicit: Bool) throws {
        func seconds() throws -> Duration {
            guard let number = Double(value), number > 0 else {
                throw MailError(.invalidConfiguration, "Option \(option) needs a positive number of seconds, got \(value.debugDescription)")
            }
            return .milliseconds(Int64(number * 1000))
        }
        switch (option, value.lowercased()) {
        case ("starttls", "required") where !implicit: security = .startTLSRequired
        case ("starttls", "never") where !implicit: security = .plain
        case ("starttls", "opportunistic") where !implicit: security = .startTLSIfOffered
        case ("tls_verify", "none"), ("tls_verify", "false"): certificateVerification = .none
        case ("tls_verify", "full"), ("tls_verify", "true"): certificateVerification = .full
        case ("ca_file", _): trustRootsFile = value
        case ("helo", _) where !value.isEmpty: heloName = value
        case ("timeout", _): commandTimeout = try seconds()
        case ("connect_timeout", _): connectTimeout = try seconds()
        case ("data_timeout", _): dataTimeout = try seconds()
        case ("retries", _):
            guard let attempts = Int(value), attempts >= 1 else {
                throw MailError(.invalidConfiguration, "retries must be a whole number ≥ 1")
            }
            retry.maxAttempts = attempts
        case ("auth", "plain"), ("auth", "login"): authMechanism = value.uppercased()
        case ("body", "8bit"): bodyEncoding = .eightBitWhenOffered
        case ("body", "quoted-printable"), ("body", "qp"): bodyEncoding = .quotedPrintable
        default:
            throw MailError(.invalidConfiguration, "Unsupported SMTP URL option \(option)=\(value)")
        }
    }

    /// The URL with any password replaced by `***`, for logs and error messages.
    static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = "***"
        return components.string ?? "<url>"
    }
}

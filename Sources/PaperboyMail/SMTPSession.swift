import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOSSL

/// The connection set-up dialogue: greeting, EHLO/HELO, STARTTLS, AUTH. Used by ``SMTPConnection``.
struct SMTPSession {
    let channel: any Channel
    let configuration: SMTPConfiguration
    let logger: Logger
    let closeReason: NIOLockedValueBox<MailError?>
    var capabilities = SMTPCapabilities(isExtended: false)
    var isSecure = false
    var isAuthenticated = false

    init(channel: any Channel, configuration: SMTPConfiguration, closeReason: NIOLockedValueBox<MailError?>, logger: Logger) {
        self.channel = channel
        self.closeReason = closeReason
        self.configuration = configuration
        self.logger = logger
    }

    mutating func handshake(sslContext: NIOSSLContext?, serverName: String?) async throws {
        let greeting = try await command(nil)
        guard greeting.code == 220 else { throw MailError.reply(greeting, to: "Connection greeting") }
        try await hello()
        if !isSecure && configuration.security != .plain {
            if capabilities.startTLS, let sslContext {
                let reply = try await command("STARTTLS")
                guard reply.code == 220 else { throw MailError.reply(reply, to: "STARTTLS", code: .tlsFailed) }
                try await channel.eventLoop.submit { [channel] in
                    try channel.pipeline.syncOperations.addHandler(
                        try NIOSSLClientHandler(context: sslContext, serverHostname: serverName), position: .first)
                }.get()
                isSecure = true
                try await hello()
            } else if configuration.security == .startTLSRequired {
                throw MailError(.tlsFailed, "STARTTLS is required but \(configuration.host) does not offer it")
            }
        }
        if let username = configuration.username {
            try await authenticate(username: username, password: configuration.password ?? "")
        }
        logger.debug("SMTP session ready", metadata: [
            "host": "\(configuration.host)", "tls": "\(isSecure)", "auth": "\(isAuthenticated)",
            "extensions": "\(capabilities.extensions.keys.sorted())",
        ])
    }

    /// EHLO, falling back to HELO when the server does not know EHLO (5xx).
    private mutating func hello() async throws {
        let ehlo = try await command("EHLO \(configuration.heloName)")
        if ehlo.isSuccess {
            capabilities = SMTPCapabilities(ehloReply: ehlo)
            return
        }
        guard ehlo.isPermanentFailure else { throw MailError.reply(ehlo, to: "EHLO") }
        let helo = try await command("HELO \(configuration.heloName)")
        guard helo.isSuccess else { throw MailError.reply(helo, to: "HELO") }
        capabilities = SMTPCapabilities(isExtended: false)
    }

    /// AUTH PLAIN if offered, else AUTH LOGIN.
    private mutating func authenticate(username: String, password: String) async throws {
        var mechanisms = capabilities.authMechanisms
        if let forced = configuration.authMechanism {
            mechanisms = mechanisms.intersection([forced.uppercased()])
        }
        func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }
        if mechanisms.contains("PLAIN") {
            let reply = try await command("AUTH PLAIN " + base64("\0\(username)\0\(password)"), redacted: "AUTH PLAIN ***")
            try check(reply)
        } else if mechanisms.contains("LOGIN") {
            let start = try await command("AUTH LOGIN")
            guard start.code == 334 else { throw authError(start) }
            let user = try await command(base64(username), redacted: "***")
            guard user.code == 334 else { throw authError(user) }
            try check(try await command(base64(password), redacted: "***"))
        } else {
            let hint = isSecure ? "" : " (many servers offer AUTH only after STARTTLS)"
            throw MailError(.authenticationFailed,
                            "\(configuration.host) offers no AUTH PLAIN or LOGIN (offered: \(mechanisms.sorted()))\(hint)")
        }
        isAuthenticated = true
    }

    private func check(_ reply: SMTPReply) throws {
        guard reply.code == 235 else { throw authError(reply) }
    }

    private func authError(_ reply: SMTPReply) -> MailError {
        MailError(.authenticationFailed, "Authentication failed: \(reply.code) \(reply.text)", smtpCode: reply.code)
    }

    private func command(_ line: String?, redacted: String? = nil) async throws -> SMTPReply {
        var buffer: ByteBuffer?
        if let line {
            logger.trace("C: \(redacted ?? line)")
            buffer = channel.allocator.buffer(string: line + "\r\n")
        }
        let reply = try await Self.send(buffer, replies: 1, timeout: configuration.commandTimeout, on: channel,
                                        closeReason: closeReason)[0]
        logger.trace("S: \(reply.code) \(reply.text)")
        return reply
    }

    /// Writes a request into the pipeline and waits for its replies.
    static func send(_ buffer: ByteBuffer?, replies: Int, timeout: Duration, on channel: any Channel,
                     closeReason: NIOLockedValueBox<MailError?>) async throws -> [SMTPReply] {
        let promise = channel.eventLoop.makePromise(of: [SMTPReply].self)
        let request = SMTPRequest(payload: buffer, expectedReplies: replies, timeout: TimeAmount(timeout), promise: promise)
        let written = channel.eventLoop.makePromise(of: Void.self)
        written.futureResult.whenFailure { error in
            // The channel closed before the request reached the handler: nobody else will fail it.
            promise.fail(closeReason.withLockedValue { $0 }
                ?? MailError(.connectionFailed, "The connection is closed", underlying: String(describing: error)))
        }
        channel.writeAndFlush(request, promise: written)
        do {
            return try await promise.futureResult.get()
        } catch let error as MailError {
            throw error
        } catch {
            throw MailError(.connectionFailed, "Connection error", underlying: String(describing: error))
        }
    }

    /// The TLS context for STARTTLS/implicit TLS, or nil when the configuration never uses TLS.
    static func makeSSLContext(_ configuration: SMTPConfiguration) throws -> NIOSSLContext? {
        guard configuration.security != .plain else { return nil }
        var tls = TLSConfiguration.makeClientConfiguration()
        switch configuration.certificateVerification {
        case .full: tls.certificateVerification = .fullVerification
        case .none: tls.certificateVerification = .none
        }
        do {
            if let file = configuration.trustRootsFile {
                tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(file))
            }
            return try NIOSSLContext(configuration: tls)
        } catch {
            throw MailError(.tlsFailed, "Cannot set up TLS (trust roots \(configuration.trustRootsFile ?? "system"))",
                            underlying: String(describing: error))
        }
    }

    /// The SNI name: the host unless it is an IP address literal (SNI must not carry addresses).
    static func sniName(_ host: String) -> String? {
        let isIPv4 = host.split(separator: ".").count == 4 && host.allSatisfy { $0.isNumber || $0 == "." }
        return isIPv4 || host.contains(":") ? nil : host
    }

    static func connectionError(_ error: any Error, configuration: SMTPConfiguration) -> MailError {
        if let error = error as? MailError { return error }
        if case ChannelError.connectTimeout = error {
            return MailError(.timeout, "Connecting to \(configuration.host):\(configuration.port) timed out",
                             underlying: String(describing: error))
        }
        return MailError(.connectionFailed, "Cannot connect to \(configuration.host):\(configuration.port)",
                         underlying: String(describing: error))
    }
}

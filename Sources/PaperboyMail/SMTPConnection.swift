import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL

/// One open, greeted, (optionally) TLS-protected and authenticated SMTP session that can send many
/// messages in a row.
///
/// Open it with ``connect(configuration:eventLoopGroup:logger:)``, call ``send(_:)`` for each message and
/// ``close()`` at the end. After a failed transaction the next ``send(_:)`` starts with `RSET`; with
/// PIPELINING the envelope commands and `DATA` go out in one write. All methods throw ``MailError``.
public actor SMTPConnection {
    /// What the server advertised (after STARTTLS, the second EHLO).
    public nonisolated let capabilities: SMTPCapabilities
    /// Whether the session is protected by TLS (implicit or STARTTLS).
    public nonisolated let isSecure: Bool
    /// Whether the session authenticated.
    public nonisolated let isAuthenticated: Bool

    let channel: any Channel
    let closeReason: NIOLockedValueBox<MailError?>
    let configuration: SMTPConfiguration
    let logger: Logger
    var needsReset = false
    var broken = false
    /// One transaction at a time: the actor is reentrant at every `await`, so callers queue here.
    private var busy = false
    private var queue: [CheckedContinuation<Void, Never>] = []

    init(channel: any Channel, closeReason: NIOLockedValueBox<MailError?>, configuration: SMTPConfiguration,
         capabilities: SMTPCapabilities, isSecure: Bool, isAuthenticated: Bool, logger: Logger) {
        self.channel = channel
        self.closeReason = closeReason
        self.configuration = configuration
        self.capabilities = capabilities
        self.isSecure = isSecure
        self.isAuthenticated = isAuthenticated
        self.logger = logger
    }

    /// Whether the connection can still be used (not closed, no connection-level error seen).
    public var isUsable: Bool { !broken && channel.isActive }

    /// Connects, reads the greeting, says EHLO (HELO if EHLO is refused), upgrades with STARTTLS as
    /// configured and authenticates when the configuration has credentials.
    public static func connect(
        configuration: SMTPConfiguration,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger = Logger(label: "paperboy.mail")
    ) async throws -> SMTPConnection {
        let sslContext = try SMTPSession.makeSSLContext(configuration)
        let serverName = SMTPSession.sniName(configuration.host)
        let implicitTLS = configuration.security == .implicitTLS
        let closeReason = NIOLockedValueBox<MailError?>(nil)
        let bootstrap = ClientBootstrap(group: eventLoopGroup)
            .connectTimeout(TimeAmount(configuration.connectTimeout))
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if implicitTLS, let sslContext {
                        try channel.pipeline.syncOperations.addHandler(
                            try NIOSSLClientHandler(context: sslContext, serverHostname: serverName))
                    }
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMTPReplyDecoder()))
                    try channel.pipeline.syncOperations.addHandler(SMTPClientHandler(closeReason: closeReason))
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.connect(host: configuration.host, port: configuration.port).get()
        } catch {
            throw SMTPSession.connectionError(error, configuration: configuration)
        }
        do {
            var session = SMTPSession(channel: channel, configuration: configuration, closeReason: closeReason, logger: logger)
            session.isSecure = implicitTLS
            try await session.handshake(sslContext: sslContext, serverName: serverName)
            return SMTPConnection(channel: channel, closeReason: closeReason, configuration: configuration,
                                  capabilities: session.capabilities,
                                  isSecure: session.isSecure, isAuthenticated: session.isAuthenticated, logger: logger)
        } catch {
            try? await channel.close()
            throw error
        }
    }

    /// Sends one message in a transaction on this connection.
    ///
    /// Returns which recipients were accepted and which refused; throws when the sender, every recipient or
    /// the data were refused (4xx → ``MailError/Code/transientFailure``, 5xx → ``MailError/Code/permanentFailure``),
    /// when SMTPUTF8 would be needed but is not offered, or on connection errors and timeouts.
    /// Concurrent calls on one connection are queued and run one after another.
    public func send(_ message: MailMessage) async throws -> DeliveryReport {
        await acquire()
        defer { release() }
        return try await sendUnlocked(message)
    }

    /// ``send(_:)`` for a caller that already holds the connection.
    func sendUnlocked(_ message: MailMessage) async throws -> DeliveryReport {
        guard isUsable else { throw MailError(.connectionFailed, "The SMTP connection is closed") }
        let rendered = try prepare(message)
        do {
            return try await transaction(message, rendered: rendered)
        } catch let error as MailError {
            if [.connectionFailed, .timeout, .tlsFailed, .protocolViolation].contains(error.code) { broken = true }
            throw error
        }
    }

    /// Checks SMTPUTF8 and SIZE and renders the message for this server's capabilities.
    func prepare(_ message: MailMessage) throws -> RenderedMessage {
        if message.needsSMTPUTF8 && !capabilities.smtpUTF8 {
            throw MailError(.smtpUTF8Unsupported,
                            "A non-ASCII address needs SMTPUTF8, which \(configuration.host) does not offer")
        }
        let allowEightBit = configuration.bodyEncoding == .eightBitWhenOffered && capabilities.eightBitMIME
        let rendered = try MessageRenderer(allowEightBit: allowEightBit).render(message)
        if let limit = capabilities.sizeLimit, limit > 0, rendered.bytes.count > limit {
            throw MailError(.permanentFailure,
                            "The message has \(rendered.bytes.count) bytes; \(configuration.host) accepts at most \(limit)")
        }
        return rendered
    }

    /// `MAIL FROM` (with BODY/SMTPUTF8/SIZE parameters) and one `RCPT TO` per recipient.
    func envelopeCommands(_ message: MailMessage, rendered: RenderedMessage) -> [String] {
        let sender = message.envelopeFrom ?? message.from.address
        var mailFrom = "MAIL FROM:<\(sender)>"
        if rendered.usesEightBit { mailFrom += " BODY=8BITMIME" }
        if message.needsSMTPUTF8 { mailFrom += " SMTPUTF8" }
        if capabilities.sizeLimit != nil { mailFrom += " SIZE=\(rendered.bytes.count)" }
        return [mailFrom] + message.allRecipients.map { "RCPT TO:<\($0)>" }
    }

    private func transaction(_ message: MailMessage, rendered: RenderedMessage) async throws -> DeliveryReport {
        let recipients = message.allRecipients
        let commands = (needsReset ? ["RSET"] : []) + envelopeCommands(message, rendered: rendered)
        needsReset = true

        var replies: [SMTPReply]
        if capabilities.pipelining {
            replies = try await exchange(commands + ["DATA"])
        } else {
            replies = []
            for command in commands {
                let reply = try await exchange([command])[0]
                replies.append(reply)
                if command.hasPrefix("MAIL"), !reply.isSuccess { break }
            }
        }
        var index = 0
        if commands.first == "RSET" {
            guard replies[0].isSuccess else { throw MailError.reply(replies[0], to: "RSET") }
            index = 1
        }
        let mailReply = replies[index]
        guard mailReply.isSuccess else {
            if capabilities.pipelining, let dataReply = replies.last, dataReply.code == 354 {
                _ = try await exchange(["."])
            }
            throw MailError.reply(mailReply, to: "MAIL FROM")
        }
        let (accepted, rejected) = SMTPConnection.sortRecipients(recipients, replies: replies[(index + 1)...])
        let dataReply: SMTPReply
        if capabilities.pipelining {
            dataReply = replies[replies.count - 1]
        } else if !accepted.isEmpty {
            dataReply = try await exchange(["DATA"])[0]
        } else {
            throw RecipientFailure.allRejected(rejected)
        }
        guard dataReply.code == 354 else {
            if accepted.isEmpty { throw RecipientFailure.allRejected(rejected) }
            throw MailError.reply(dataReply, to: "DATA")
        }
        if accepted.isEmpty {
            _ = try await exchange(["."])
            throw RecipientFailure.allRejected(rejected)
        }
        var buffer = channel.allocator.buffer(capacity: rendered.bytes.count + 64)
        DotStuffing.write(rendered.bytes, to: &buffer)
        let finalReply: SMTPReply
        do {
            finalReply = try await request(buffer, replies: 1, timeout: configuration.dataTimeout)[0]
        } catch var error as MailError {
            error.deliveryUnknown = true
            error.message += " (after the message data was sent: it may or may not have been delivered)"
            throw error
        }
        guard finalReply.isSuccess else { throw MailError.reply(finalReply, to: "Message data") }
        needsReset = false
        return DeliveryReport(messageID: rendered.messageID, accepted: accepted, rejected: rejected,
                              serverResponse: finalReply.text)
    }

    /// Sends `QUIT` (best effort) and closes the connection.
    public func close() async {
        await acquire()
        defer { release() }
        if isUsable { _ = try? await exchange(["QUIT"]) }
        broken = true
        try? await channel.close()
    }

    func acquire() async {
        if busy {
            await withCheckedContinuation { queue.append($0) }
        } else {
            busy = true
        }
    }

    /// Hands the connection to the next queued caller, or marks it idle.
    func release() {
        if queue.isEmpty {
            busy = false
        } else {
            queue.removeFirst().resume()
        }
    }

    /// Writes `commands` (CRLF-terminated) in one write and waits for one reply per command.
    private func exchange(_ commands: [String]) async throws -> [SMTPReply] {
        var buffer = channel.allocator.buffer(capacity: commands.reduce(0) { $0 + $1.utf8.count + 2 })
        for command in commands {
            buffer.writeString(command)
            buffer.writeStaticString("\r\n")
        }
        return try await request(buffer, replies: commands.count, timeout: configuration.commandTimeout)
    }

    func request(_ buffer: ByteBuffer, replies: Int, timeout: Duration) async throws -> [SMTPReply] {
        try await SMTPSession.send(buffer, replies: replies, timeout: timeout, on: channel, closeReason: closeReason)
    }

    /// Recipients split by their RCPT TO replies (`replies` holds one per recipient, in order, first index first).
    static func sortRecipients(_ recipients: [String], replies: ArraySlice<SMTPReply>) -> ([String], [RecipientFailure]) {
        var accepted: [String] = []
        var rejected: [RecipientFailure] = []
        for (recipient, reply) in zip(recipients, replies) {
            if reply.isSuccess {
                accepted.append(recipient)
            } else {
                rejected.append(RecipientFailure(address: recipient, reply: reply))
            }
        }
        return (accepted, rejected)
    }
}

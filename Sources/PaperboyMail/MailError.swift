/// An error raised while building or delivering mail.
///
/// Every error has a ``Code`` that callers can switch on, a human-readable ``message`` and, when the
/// error came from an SMTP reply, the reply's three-digit ``smtpCode``, optional enhanced status code
/// and text. ``isTransient`` tells a retry loop whether trying again later may succeed.
public struct MailError: Error, Sendable, CustomStringConvertible, Equatable {
    /// What went wrong, coarsely.
    public enum Code: String, Sendable, Equatable {
        /// The SMTP URL or configuration is malformed.
        case invalidConfiguration
        /// The message cannot be rendered (e.g. a header value contains a line break).
        case invalidMessage
        /// TCP connection failed or was closed unexpectedly.
        case connectionFailed
        /// Connecting or waiting for a reply took longer than the configured timeout.
        case timeout
        /// The TLS handshake failed or STARTTLS was required but not offered.
        case tlsFailed
        /// The server rejected the credentials (typically 535) or offers no usable mechanism.
        case authenticationFailed
        /// A 4xx reply: the server asks to try again later.
        case transientFailure
        /// A 5xx reply: the server refuses permanently.
        case permanentFailure
        /// A non-ASCII address needs SMTPUTF8, which the server does not offer.
        case smtpUTF8Unsupported
        /// The server replied with something that does not follow the protocol.
        case protocolViolation
    }

    /// The category of the failure.
    public var code: Code
    /// A human-readable explanation, including the server's reply text when there is one.
    public var message: String
    /// The SMTP reply code (e.g. 535, 550, 451) when the error came from a reply.
    public var smtpCode: Int?
    /// The underlying error's description (e.g. a NIO or TLS error), if any.
    public var underlying: String?
    /// Per-recipient refusals when every recipient was refused.
    public var rejectedRecipients: [RecipientFailure] = []
    /// True when the connection failed after the whole message was sent but before the server's reply:
    /// the message may have been delivered, so an automatic retry could duplicate it.
    public var deliveryUnknown = false

    /// Creates an error.
    public init(_ code: Code, _ message: String, smtpCode: Int? = nil, underlying: String? = nil) {
        self.code = code
        self.message = message
        self.smtpCode = smtpCode
        self.underlying = underlying
    }

    /// Whether retrying later may succeed (connection problems, timeouts, 4xx replies).
    public var isTransient: Bool {
        switch code {
        case .connectionFailed, .timeout, .transientFailure: return true
        case .authenticationFailed: return smtpCode.map { (400..<500).contains($0) } ?? false
        default: return false
        }
    }

    public var description: String {
        var text = "MailError.\(code.rawValue)"
        if let smtpCode { text += " (\(smtpCode))" }
        text += ": \(message)"
        if let underlying { text += " [\(underlying)]" }
        return text
    }

    /// Builds the error for an unexpected SMTP reply to `command`: 4xx → transient, 5xx → permanent.
    static func reply(_ reply: SMTPReply, to command: String, code: Code? = nil) -> MailError {
        let resolved: Code
        if let code {
            resolved = code
        } else if reply.isTransientFailure {
            resolved = .transientFailure
        } else if reply.isPermanentFailure {
            resolved = .permanentFailure
        } else {
            resolved = .protocolViolation
        }
        return MailError(resolved, "\(command) failed: \(reply.code) \(reply.text)", smtpCode: reply.code)
    }
}

import Foundation

/// How text parts are transferred.
public enum BodyEncoding: Sendable, Equatable {
    /// Always quoted-printable: 7-bit clean, safe with any server.
    case quotedPrintable
    /// Raw UTF-8 (`8bit`) when the server offers 8BITMIME and no line exceeds 998 bytes; pure-ASCII
    /// parts go as `7bit`. Falls back to quoted-printable per part otherwise.
    case eightBitWhenOffered
}

/// The bytes of a rendered message plus what the envelope needs to know about them.
public struct RenderedMessage: Sendable {
    /// The RFC 5322 message with CRLF line endings (not yet dot-stuffed).
    public var bytes: [UInt8]
    /// The Message-ID used, without angle brackets.
    public var messageID: String
    /// Whether any part is sent as `8bit` (so `MAIL FROM` needs `BODY=8BITMIME`).
    public var usesEightBit: Bool
}

/// Renders a ``MailMessage`` into RFC 5322 / MIME bytes.
public struct MessageRenderer: Sendable {
    /// Whether raw 8-bit parts may be used (the server advertised 8BITMIME and the caller allows it).
    public var allowEightBit: Bool

    /// Creates a renderer; with `allowEightBit == false` every text part is quoted-printable.
    public init(allowEightBit: Bool = false) {
        self.allowEightBit = allowEightBit
    }

    /// Renders `message`. Throws ``MailError/Code/invalidMessage`` for missing recipients or bodies,
    /// malformed addresses, or extra headers that are malformed or contain line breaks.
    public func render(_ message: MailMessage, now: Date = Date()) throws(MailError) -> RenderedMessage {
        try message.from.validate()
        for mailbox in message.to + message.cc + message.bcc + message.replyTo { try mailbox.validate() }
        guard !message.allRecipients.isEmpty else { throw MailError(.invalidMessage, "The message has no recipients") }
        guard message.textBody != nil || message.htmlBody != nil else {
            throw MailError(.invalidMessage, "The message has neither a text nor an HTML body")
        }
        let messageID = message.messageID ?? "\(UUID().uuidString.lowercased())@\(Self.idDomain(message.from))"
        var headers: [String] = [
            "Date: " + RFC5322Date.string(from: message.date ?? now),
            HeaderEncoding.addressList(name: "From", addresses: [message.from]),
        ]
        if !message.to.isEmpty { headers.append(HeaderEncoding.addressList(name: "To", addresses: message.to)) }
        if !message.cc.isEmpty { headers.append(HeaderEncoding.addressList(name: "Cc", addresses: message.cc)) }
        if !message.replyTo.isEmpty {
            headers.append(HeaderEncoding.addressList(name: "Reply-To", addresses: message.replyTo))
        }
        headers.append(HeaderEncoding.unstructured(name: "Subject", value: message.subject))
        headers.append("Message-ID: <\(messageID)>")
        for (name, value) in message.headers {
            try Self.validateHeader(name: name, value: value)
            headers.append(HeaderEncoding.unstructured(name: name, value: value))
        }
        headers.append("MIME-Version: 1.0")

        var output: [UInt8] = []
        output.reserveCapacity((message.textBody?.utf8.count ?? 0) * 2 + (message.htmlBody?.utf8.count ?? 0) * 2 + 1024)
        for header in headers { output += Array(header.utf8) + [13, 10] }
        var usesEightBit = false
        let parts = [("text/plain", message.textBody), ("text/html", message.htmlBody)].compactMap { type, body in
            body.map { (type, $0) }
        }
        if parts.count == 1, let (type, body) = parts.first {
            let part = encodePart(body)
            usesEightBit = part.encoding == "8bit"
            output += Array("Content-Type: \(type); charset=utf-8\r\nContent-Transfer-Encoding: \(part.encoding)\r\n\r\n".utf8)
            output += part.bytes
        } else {
            let boundary = "=_pb_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
            output += Array("Content-Type: multipart/alternative;\r\n boundary=\"\(boundary)\"\r\n\r\n".utf8)
            output += Array("This is a multi-part message in MIME format.\r\n".utf8)
            for (type, body) in parts {
                let part = encodePart(body)
                usesEightBit = usesEightBit || part.encoding == "8bit"
                output += Array("\r\n--\(boundary)\r\nContent-Type: \(type); charset=utf-8\r\n".utf8)
                output += Array("Content-Transfer-Encoding: \(part.encoding)\r\n\r\n".utf8)
                output += part.bytes
            }
            output += Array("\r\n--\(boundary)--\r\n".utf8)
        }
        if output.last != 10 { output += [13, 10] }
        return RenderedMessage(bytes: output, messageID: messageID, usesEightBit: usesEightBit)
    }

    /// Encodes one text part, choosing 7bit/8bit/quoted-printable.
    func encodePart(_ text: String) -> (encoding: String, bytes: [UInt8]) {
        if allowEightBit {
            let raw = Array(text.utf8)
            if LineSplitter.longestLine(raw) <= 998 {
                let isASCII = raw.allSatisfy { $0 < 0x80 }
                return (isASCII ? "7bit" : "8bit", LineSplitter.normalizedCRLF(raw))
            }
        }
        return ("quoted-printable", QuotedPrintable.encode(text))
    }

    /// The right-hand side for generated Message-IDs: the sender's domain (ASCII) or `paperboy.invalid`.
    static func idDomain(_ from: MailAddress) -> String {
        let domain = from.domain
        let allowed = domain.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) || $0 == 0x2D || $0 == 0x2E }
        return !domain.isEmpty && allowed ? domain : "paperboy.invalid"
    }

    /// Header names must be printable ASCII without `:`; values must not contain CR or LF (header injection).
    static func validateHeader(name: String, value: String) throws(MailError) {
        guard !name.isEmpty, name.utf8.allSatisfy({ $0 > 32 && $0 < 127 && $0 != 58 }) else {
            throw MailError(.invalidMessage, "Invalid header name \(name.debugDescription)")
        }
        guard !value.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else {
            throw MailError(.invalidMessage, "Header \(name) contains a line break")
        }
        let reserved: Set<String> = ["date", "from", "to", "cc", "bcc", "reply-to", "subject", "message-id",
                                     "mime-version", "content-type", "content-transfer-encoding"]
        guard !reserved.contains(name.lowercased()) else {
            throw MailError(.invalidMessage, "Header \(name) is set from the message's own fields")
        }
    }
}

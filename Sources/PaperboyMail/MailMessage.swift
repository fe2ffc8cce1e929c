import Foundation

/// An e-mail to send: envelope, headers and a plain-text and/or HTML body.
///
/// With both bodies the message becomes `multipart/alternative` (text first, HTML second); with one it is
/// a single `text/plain` or `text/html` part. Bodies may use any line endings; they are sent with CRLF.
public struct MailMessage: Sendable, Equatable {
    /// The `From` mailbox; its address is also the envelope sender unless ``envelopeFrom`` is set.
    public var from: MailAddress
    /// `To` recipients.
    public var to: [MailAddress]
    /// `Cc` recipients.
    public var cc: [MailAddress]
    /// Blind recipients: in the envelope only, never in a header.
    public var bcc: [MailAddress]
    /// `Reply-To` mailboxes.
    public var replyTo: [MailAddress]
    /// The subject; any Unicode. Line breaks are replaced by spaces.
    public var subject: String
    /// The `text/plain` body.
    public var textBody: String?
    /// The `text/html` body.
    public var htmlBody: String?
    /// Extra headers in order, e.g. `("List-Unsubscribe", "<https://…>")`. Values must not contain line breaks.
    public var headers: [(name: String, value: String)]
    /// The `Message-ID` without angle brackets; generated (`UUID@from-domain`) when nil.
    public var messageID: String?
    /// The `Date` header; the send time when nil.
    public var date: Date?
    /// Envelope sender (`MAIL FROM`) when it differs from ``from`` (e.g. a bounce address).
    public var envelopeFrom: String?

    /// Creates a message.
    public init(
        from: MailAddress,
        to: [MailAddress],
        cc: [MailAddress] = [],
        bcc: [MailAddress] = [],
        replyTo: [MailAddress] = [],
        subject: String,
        textBody: String? = nil,
        htmlBody: String? = nil,
        headers: [(name: String, value: String)] = [],
        messageID: String? = nil,
        date: Date? = nil,
        envelopeFrom: String? = nil
    ) {
        self.from = from
        self.to = to
        self.cc = cc
        self.bcc = bcc
        self.replyTo = replyTo
        self.subject = subject
        self.textBody = textBody
        self.htmlBody = htmlBody
        self.headers = headers
        self.messageID = messageID
        self.date = date
        self.envelopeFrom = envelopeFrom
    }

    /// Every envelope recipient (`To`, `Cc`, `Bcc`), de-duplicated, in order.
    public var allRecipients: [String] {
        var seen = Set<String>()
        return (to + cc + bcc).map(\.address).filter { seen.insert($0.lowercased()).inserted }
    }

    /// Whether any envelope or header address is non-ASCII (so SMTPUTF8 is required).
    public var needsSMTPUTF8: Bool {
        (envelopeFrom.map { !$0.utf8.allSatisfy { $0 < 0x80 } } ?? false)
            || ([from] + to + cc + bcc + replyTo).contains(where: \.needsSMTPUTF8)
    }

    public static func == (lhs: MailMessage, rhs: MailMessage) -> Bool {
        lhs.from == rhs.from && lhs.to == rhs.to && lhs.cc == rhs.cc && lhs.bcc == rhs.bcc
            && lhs.replyTo == rhs.replyTo && lhs.subject == rhs.subject && lhs.textBody == rhs.textBody
            && lhs.htmlBody == rhs.htmlBody && lhs.messageID == rhs.messageID && lhs.date == rhs.date
            && lhs.envelopeFrom == rhs.envelopeFrom
            && lhs.headers.map { "\($0.name):\($0.value)" } == rhs.headers.map { "\($0.name):\($0.value)" }
    }
}

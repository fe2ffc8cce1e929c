/// The outcome of sending one message.
public struct DeliveryReport: Sendable, Equatable {
    /// The `Message-ID` header value, without angle brackets.
    public var messageID: String
    /// Envelope recipients the server accepted.
    public var accepted: [String]
    /// Envelope recipients the server refused while accepting others.
    public var rejected: [RecipientFailure]
    /// The text of the server's final reply (often contains its queue id).
    public var serverResponse: String

    /// Creates a report.
    public init(messageID: String, accepted: [String], rejected: [RecipientFailure] = [], serverResponse: String = "") {
        self.messageID = messageID
        self.accepted = accepted
        self.rejected = rejected
        self.serverResponse = serverResponse
    }
}

/// A recipient refused at `RCPT TO`, with the server's reply.
public struct RecipientFailure: Sendable, Equatable {
    /// The refused envelope address.
    public var address: String
    /// The reply code (e.g. 550 unknown user, 451 try again later).
    public var code: Int
    /// The reply text.
    public var text: String

    /// Creates a failure record.
    public init(address: String, code: Int, text: String) {
        self.address = address
        self.code = code
        self.text = text
    }

    init(address: String, reply: SMTPReply) {
        self.init(address: address, code: reply.code, text: reply.text)
    }

    /// Whether retrying this recipient later may succeed (4xx).
    public var isTransient: Bool { (400..<500).contains(code) }

    /// The error for a transaction in which every recipient was refused: transient if any refusal was 4xx.
    static func allRejected(_ failures: [RecipientFailure]) -> MailError {
        let transient = failures.first(where: \.isTransient)
        let representative = transient ?? failures.first
        let details = failures.map { "\($0.address): \($0.code) \($0.text)" }.joined(separator: "; ")
        var error = MailError(transient == nil ? .permanentFailure : .transientFailure,
                              "Every recipient was refused: \(details)", smtpCode: representative?.code)
        error.rejectedRecipients = failures
        return error
    }
}

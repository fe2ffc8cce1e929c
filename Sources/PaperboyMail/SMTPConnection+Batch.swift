import NIOCore

extension SMTPConnection {
    /// Sends `messages` one transaction after another on this connection and returns one entry per
    /// message: a result, or nil when the message was not attempted because the connection broke first.
    ///
    /// With PIPELINING the content of message *n* goes out in the same write as the envelope
    /// (`MAIL`, `RCPT`…, `DATA`) of message *n+1* (RFC 2920 §3.1 lets message content start a group),
    /// so each message costs one round trip instead of two. Without it, messages are sent one by one.
    public func sendBatch(_ messages: [MailMessage]) async -> [Result<DeliveryReport, MailError>?] {
        await acquire()
        defer { release() }
        var results = [Result<DeliveryReport, MailError>?](repeating: nil, count: messages.count)
        guard capabilities.pipelining else {
            for (index, message) in messages.enumerated() {
                guard isUsable else { break }
                do {
                    results[index] = .success(try await sendUnlocked(message))
                } catch {
                    results[index] = .failure(Self.mailError(error))
                }
            }
            return results
        }
        var pending: PendingData?
        for (index, message) in messages.enumerated() {
            guard isUsable else { break }
            let rendered: RenderedMessage
            do {
                rendered = try prepare(message)
            } catch {
                results[index] = .failure(Self.mailError(error))
                continue
            }
            let commands = (needsReset ? ["RSET"] : []) + envelopeCommands(message, rendered: rendered) + ["DATA"]
            var buffer = channel.allocator.buffer(capacity: rendered.bytes.count + 256)
            pending?.write(to: &buffer)
            for command in commands {
                buffer.writeString(command)
                buffer.writeStaticString("\r\n")
            }
            let leading = pending == nil ? 0 : 1
            let replies: [SMTPReply]
            do {
                replies = try await request(buffer, replies: leading + commands.count,
                                            timeout: leading == 0 ? configuration.commandTimeout : configuration.dataTimeout)
            } catch {
                broken = true
                let mailError = Self.mailError(error)
                if let pending, pending.rendered != nil { results[pending.index] = .failure(pending.unknownOutcome(mailError)) }
                results[index] = .failure(mailError)
                return results
            }
            if let pending, let result = pending.result(replies[0]) { results[pending.index] = result }
            pending = nil
            let outcome = Envelope(commands: commands, replies: Array(replies[leading...]), recipients: message.allRecipients)
            switch outcome.evaluate() {
            case .ready(let accepted, let rejected):
                pending = PendingData(index: index, rendered: rendered, accepted: accepted, rejected: rejected)
                needsReset = false
            case .failed(let error, let dataStarted):
                results[index] = .failure(error)
                needsReset = true
                if dataStarted { pending = PendingData(abortingIndex: index) }
            }
        }
        if let pending {
            var buffer = channel.allocator.buffer(capacity: 1024)
            pending.write(to: &buffer)
            do {
                let reply = try await request(buffer, replies: 1, timeout: configuration.dataTimeout)[0]
                if let result = pending.result(reply) { results[pending.index] = result }
            } catch {
                broken = true
                if pending.rendered != nil { results[pending.index] = .failure(pending.unknownOutcome(Self.mailError(error))) }
            }
        }
        return results
    }

    static func mailError(_ error: any Error) -> MailError {
        error as? MailError ?? MailError(.connectionFailed, "Unexpected error", underlying: String(describing: error))
    }
}

/// A message whose `DATA` was answered with 354 and whose content still has to be sent (or, for a
/// transaction that got 354 without accepted recipients, just the terminating dot).
struct PendingData {
    var index: Int
    var rendered: RenderedMessage?
    var accepted: [String] = []
    var rejected: [RecipientFailure] = []

    init(index: Int, rendered: RenderedMessage, accepted: [String], rejected: [RecipientFailure]) {
        self.index = index
        self.rendered = rendered
        self.accepted = accepted
        self.rejected = rejected
    }

    init(abortingIndex: Int) {
        index = abortingIndex
        rendered = nil
    }

    func write(to buffer: inout ByteBuffer) {
        if let rendered {
            DotStuffing.write(rendered.bytes, to: &buffer)
        } else {
            buffer.writeStaticString(".\r\n")
        }
    }

    /// The message's result from the reply to its content (an aborted transaction keeps its earlier error).
    func result(_ reply: SMTPReply) -> Result<DeliveryReport, MailError>? {
        guard let rendered else { return nil }
        guard reply.isSuccess else { return .failure(MailError.reply(reply, to: "Message data")) }
        return .success(DeliveryReport(messageID: rendered.messageID, accepted: accepted, rejected: rejected,
                                       serverResponse: reply.text))
    }

    func unknownOutcome(_ error: MailError) -> MailError {
        var error = error
        if rendered != nil {
            error.deliveryUnknown = true
            error.message += " (after the message data was sent: it may or may not have been delivered)"
        }
        return error
    }
}

/// The replies to one pipelined envelope: optional `RSET`, `MAIL FROM`, `RCPT TO`…, `DATA`.
struct Envelope {
    enum Outcome {
        case ready(accepted: [String], rejected: [RecipientFailure])
        /// `dataStarted`: the server answered DATA with 354 anyway, so a lone "." must end it.
        case failed(MailError, dataStarted: Bool)
    }

    var commands: [String]
    var replies: [SMTPReply]
    var recipients: [String]

    func evaluate() -> Outcome {
        let dataStarted = replies.last?.code == 354
        var index = 0
        if commands.first == "RSET" {
            guard replies[0].isSuccess else { return .failed(MailError.reply(replies[0], to: "RSET"), dataStarted: dataStarted) }
            index = 1
        }
        guard replies[index].isSuccess else {
            return .failed(MailError.reply(replies[index], to: "MAIL FROM"), dataStarted: dataStarted)
        }
        let (accepted, rejected) = SMTPConnection.sortRecipients(recipients, replies: replies[(index + 1)...])
        if accepted.isEmpty { return .failed(RecipientFailure.allRejected(rejected), dataStarted: dataStarted) }
        guard let dataReply = replies.last, dataReply.code == 354 else {
            return .failed(MailError.reply(replies[replies.count - 1], to: "DATA"), dataStarted: false)
        }
        return .ready(accepted: accepted, rejected: rejected)
    }
}

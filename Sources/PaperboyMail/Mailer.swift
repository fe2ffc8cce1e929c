/// Something that delivers mail: SMTP in production, a database outbox in development.
public protocol Mailer: Sendable {
    /// Delivers one message. Throws (for ``SMTPMailer``, a ``MailError``) when it was not accepted.
    func send(_ message: MailMessage) async throws -> DeliveryReport

    /// Delivers many messages, each independently: one failure does not stop the others.
    /// The results are in the order of `messages`. The default calls ``send(_:)`` one at a time.
    func send(_ messages: [MailMessage]) async -> [Result<DeliveryReport, any Error>]
}

extension Mailer {
    public func send(_ messages: [MailMessage]) async -> [Result<DeliveryReport, any Error>] {
        var results: [Result<DeliveryReport, any Error>] = []
        results.reserveCapacity(messages.count)
        for message in messages {
            do {
                results.append(.success(try await send(message)))
            } catch {
                results.append(.failure(error))
            }
        }
        return results
    }
}

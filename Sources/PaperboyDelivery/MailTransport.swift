import Foundation
import Logging
import PaperboyMail

/// Sends messages one at a time over something kept open between messages (an SMTP connection), so a run of
/// thousands of digests does not pay a connection, TLS handshake and AUTH per message.
public protocol MailTransport: Sendable {
    func send(_ message: MailMessage) async throws -> DeliveryReport
    func close() async
}

/// A transport over one reused SMTP connection, reconnecting after a failure. Retrying a failed message is the
/// caller's business (the digest ledger retries transient failures on the next run).
public actor SMTPTransport: MailTransport {
    let mailer: SMTPMailer
    private var connection: SMTPConnection?

    public init(mailer: SMTPMailer) {
        self.mailer = mailer
    }

    public func send(_ message: MailMessage) async throws -> DeliveryReport {
        let active: SMTPConnection
        if let connection, await connection.isUsable {
            active = connection
        } else {
            await connection?.close()
            connection = nil
            active = try await mailer.connect()
            connection = active
        }
        do {
            return try await active.send(message)
        } catch {
            if await !active.isUsable {
                await active.close()
                connection = nil
            }
            throw error
        }
    }

    public func close() async {
        await connection?.close()
        connection = nil
    }
}

/// Any ``Mailer`` as a transport (the dev outbox; tests).
public struct MailerTransport: MailTransport {
    let mailer: any Mailer

    public init(mailer: any Mailer) {
        self.mailer = mailer
    }

    public func send(_ message: MailMessage) async throws -> DeliveryReport { try await mailer.send(message) }
    public func close() async {}
}

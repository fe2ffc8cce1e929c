import Foundation
import PaperboyMail
import PaperboyStore

/// The development mailer: keeps every message in the database (`outbox`), shown at `/dev/mail` when enabled.
/// It lets the site's subscribe, confirm and sign-in flows work on a machine without a mail server.
public struct OutboxMailer: Mailer {
    let store: any DeliveryStore
    let clock: @Sendable () -> Date

    public init(store: any DeliveryStore, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.clock = clock
    }

    public func send(_ message: MailMessage) async throws -> DeliveryReport {
        for address in message.to + message.cc + message.bcc { try address.validate() }
        let id = message.messageID ?? "\(UUID().uuidString.lowercased())@\(message.from.domain)"
        let headers = [["From", message.from.description], ["To", message.to.map(\.description).joined(separator: ", ")],
                       ["Subject", message.subject], ["Message-ID", "<\(id)>"]]
            + message.headers.map { [$0.name, $0.value] }
        _ = try await store.appendOutbox(OutboxMessage(
            createdAt: clock(), recipients: message.allRecipients, subject: message.subject, textBody: message.textBody,
            htmlBody: message.htmlBody, headers: headers, messageID: id))
        return DeliveryReport(messageID: id, accepted: message.allRecipients, serverResponse: "stored in the dev outbox")
    }
}

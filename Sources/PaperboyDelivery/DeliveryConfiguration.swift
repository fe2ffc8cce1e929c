import Foundation
import PaperboyCore
import PaperboyMail
import PaperboyStore

/// How the site sends mail (read by PaperboyConfig's `AppConfiguration.delivery(_:)` from the settings):
///
/// | setting (variable) | meaning | default |
/// |---|---|---|
/// | `PAPERBOY_SMTP_URL` | `smtp://user:pass@host:587`, `smtps://…` (options: `starttls=required`, `ca_file=`, `tls_verify=none`) | none: the dev outbox |
/// | `PAPERBOY_MAIL_FROM` | sender, `Name <address>` or an address | `Paperboy <paperboy@localhost>` |
/// | `PAPERBOY_BASE_URL` | absolute URL used in links in mails and feeds | `http://127.0.0.1:8080` |
/// | `PAPERBOY_SECRET` | HMAC key for links in mails (≥ 16 characters) | generated once, kept in the database |
/// | `PAPERBOY_DEV_OUTBOX` | `1` keeps mail in the database and shows it at `/dev/mail`; `0` never | on when no SMTP URL |
public struct DeliveryConfiguration: Sendable {
    public var smtpURL: String?
    public var from: MailAddress
    public var baseURL: String
    public var secret: String?
    public var devOutbox: Bool

    public init(smtpURL: String? = nil, from: MailAddress = MailAddress("paperboy@localhost", name: "Paperboy"),
                baseURL: String = "http://127.0.0.1:8080", secret: String? = nil, devOutbox: Bool? = nil) {
        self.smtpURL = smtpURL
        self.from = from
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.secret = secret
        self.devOutbox = devOutbox ?? (smtpURL == nil)
    }

    /// `Name <address>` or `address`.
    public static func parseMailbox(_ raw: String) throws(PaperboyError) -> MailAddress {
        var name: String?
        var address = raw.trimmingCharacters(in: .whitespaces)
        if let open = address.lastIndex(of: "<"), address.hasSuffix(">") {
            let n = address[..<open].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            name = n.isEmpty ? nil : n
            address = String(address[address.index(after: open)..<address.index(before: address.endIndex)])
        }
        let mailbox = MailAddress(address, name: name)
        do { try mailbox.validate() } catch {
            throw PaperboyError(.configuration, error.message)
        }
        return mailbox
    }

    /// The signer: `PAPERBOY_SECRET`, or a random secret generated on first use and kept in the database.
    public func signer(settings: any SettingsStore) async throws -> TokenSigner {
        if let secret { return try TokenSigner(secret: secret) }
        return try TokenSigner(secret: try await settings.setting("token-secret", default: TokenSigner.randomSecret()))
    }

    /// The mailer for single messages (confirmations, sign-in links): SMTP, or the dev outbox.
    public func mailer(store: any DeliveryStore) throws -> any Mailer {
        guard let smtpURL, !devOutbox else { return OutboxMailer(store: store) }
        do { return try SMTPMailer(url: smtpURL) } catch {
            throw PaperboyError(.configuration, "PAPERBOY_SMTP_URL: \(error)")
        }
    }

    /// Transports for bulk sending (one reused SMTP connection each), or the outbox.
    public func transports(store: any DeliveryStore) throws -> @Sendable () -> any MailTransport {
        guard let smtpURL, !devOutbox else {
            let outbox = OutboxMailer(store: store)
            return { MailerTransport(mailer: outbox) }
        }
        let mailer: SMTPMailer
        do { mailer = try SMTPMailer(url: smtpURL) } catch {
            throw PaperboyError(.configuration, "PAPERBOY_SMTP_URL: \(error)")
        }
        return { SMTPTransport(mailer: mailer) }
    }

    public func composer() -> DigestComposer { DigestComposer(baseURL: baseURL, from: from) }
}

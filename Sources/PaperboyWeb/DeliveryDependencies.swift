import Foundation
import PaperboyDelivery
import PaperboyMail
import PaperboyStore

/// What the subscribe, unsubscribe, dev-outbox and sign-in-link pages need to send and check mail.
public struct DeliveryDependencies: Sendable {
    public var store: any DeliveryStore
    /// For single messages (confirmation, sign-in links): SMTP or the dev outbox.
    public var mailer: any Mailer
    public var signer: TokenSigner
    public var composer: DigestComposer
    /// Shows `/dev/mail` (the outbox); off in production.
    public var devOutbox: Bool

    public init(store: any DeliveryStore, mailer: any Mailer, signer: TokenSigner, composer: DigestComposer, devOutbox: Bool) {
        self.store = store
        self.mailer = mailer
        self.signer = signer
        self.composer = composer
        self.devOutbox = devOutbox
    }

    /// Built from ``DeliveryConfiguration`` (the environment).
    public static func make(_ config: DeliveryConfiguration, store: any DeliveryStore, settings: any SettingsStore) async throws
        -> DeliveryDependencies {
        DeliveryDependencies(store: store, mailer: try config.mailer(store: store),
                             signer: try await config.signer(settings: settings),
                             composer: config.composer(), devOutbox: config.devOutbox)
    }
}

import ArgumentParser
import Foundation
import PaperboyCore
import PaperboyDelivery
import PaperboyConfig
import PaperboyStore
import PaperboyWeb

struct Digest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "E-mail digests of trending papers.",
        subcommands: [DigestSend.self]
    )
}

struct DigestSend: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send",
        abstract: "Send today's digest to every confirmed subscriber (exactly once per subscriber and period).",
        discussion: """
            Mail goes through PAPERBOY_SMTP_URL (smtp://user:pass@host:port, smtps://…), else into the dev outbox
            (/dev/mail). Sender: PAPERBOY_MAIL_FROM; links: PAPERBOY_BASE_URL. Rerunning sends only what is missing:
            a run that was killed continues, failed recipients are retried after a backoff.
            """
    )

    @OptionGroup var db: DatabaseOptions

    @Flag(help: "Which digest (default: daily).")
    var frequency: DigestFrequency = .daily

    @Flag(help: "Compose and count, send nothing, record nothing.")
    var dryRun = false

    @Option(help: "Send the digest only to this address (outside the ledger), to try it out.")
    var to: String?

    @Option(help: "The sending day, YYYY-MM-DD (default: today, UTC).")
    var day: String?

    @Option(help: "Parallel SMTP connections.")
    var connections = 4

    @Flag(help: "Print one JSON object.")
    var json = false

    func validate() throws {
        guard (1...32).contains(connections) else { throw ValidationError("--connections must be between 1 and 32.") }
        if let day { do { _ = try Day(parsing: day) } catch { throw ValidationError(error.message) } }
        if let to { do { _ = try EmailAddress.normalise(to) } catch { throw ValidationError(error.message) } }
    }

    func run() async throws {
        let stores = try await db.openStores()
        let store = stores.papers
        let config: DeliveryConfiguration
        do { config = try AppConfiguration.delivery(SettingsReader()) } catch let e as PaperboyError { throw ValidationError(e.message) }
        let sendDay = try day.map { try Day(parsing: $0) } ?? Day(secondsSinceEpoch: Date().timeIntervalSince1970)
        let catalog = try await db.openCatalog(stores)
        let sender = DigestSender(papers: store, delivery: stores.delivery, composer: config.composer(),
                                  signer: try await config.signer(settings: stores.settings), lanes: connections,
                                  personal: FollowedPapers(catalog: catalog, store: stores.delivery,
                                                           forYou: ForYouDigest(stores: stores, catalog: catalog)),
                                  makeTransport: try config.transports(store: stores.delivery))
        let period = DigestPeriod.current(frequency, on: sendDay)
        let report = try await sender.run(period, now: Date(), dryRun: dryRun, onlyTo: try to.map(EmailAddress.normalise))
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print("\(report.period): \(report.papers) papers; \(report.subscribers) subscribers; sent \(report.sent), "
                  + "already sent or waiting \(report.skipped), failed \(report.failed)"
                  + (dryRun ? " (dry run)" : "") + String(format: " in %.2f s", report.seconds))
        }
        if report.failed > 0 { throw ExitCode(1) }
    }
}

extension DigestFrequency: EnumerableFlag {}

struct Subscribers: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage digest subscribers.",
        subcommands: [SubscribersAdd.self, SubscribersList.self, SubscribersRemove.self]
    )
}

struct SubscribersAdd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add (or update) a subscriber.")

    @OptionGroup var db: DatabaseOptions

    @Argument(help: "E-mail addresses.")
    var emails: [String]

    @Option(help: "daily or weekly.")
    var frequency: DigestFrequency = .daily

    @Flag(help: "Subscribe without the confirmation mail (the operator vouches for the address).")
    var confirmed = false

    func validate() throws {
        guard !emails.isEmpty else { throw ValidationError("Give at least one e-mail address.") }
        for e in emails { do { _ = try EmailAddress.normalise(e) } catch { throw ValidationError(error.message) } }
    }

    func run() async throws {
        let stores = try await db.openStores()
        let store = stores.delivery
        for raw in emails {
            let email = try EmailAddress.normalise(raw)
            if confirmed {
                _ = try await store.addConfirmed(email: email, frequency: frequency, now: Date())
            } else {
                let s = try await store.subscribe(email: email, frequency: frequency, now: Date())
                let config = try AppConfiguration.delivery(SettingsReader())
                let token = try await config.signer(settings: stores.settings).sign(.confirm, email: email, nonce: s.nonce,
                                                                         expires: Date().addingTimeInterval(7 * 86_400))
                _ = try await config.mailer(store: store).send(config.composer().confirmation(to: email, frequency: frequency, token: token))
            }
        }
        print("\(emails.count) subscriber\(emails.count == 1 ? "" : "s") \(confirmed ? "added" : "asked to confirm") (\(frequency.rawValue)).")
    }
}

extension DigestFrequency: ExpressibleByArgument {}

struct SubscribersList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List subscribers.")

    @OptionGroup var db: DatabaseOptions

    @Option(help: "Only this status: pending, confirmed, unsubscribed, bounced.")
    var status: String?

    @Flag(help: "Print JSON lines.")
    var json = false

    func validate() throws {
        if let status, Subscriber.Status(rawValue: status) == nil {
            throw ValidationError("Unknown --status '\(status)' (pending, confirmed, unsubscribed, bounced).")
        }
    }

    func run() async throws {
        let stores = try await db.openStores()
        let store = stores.delivery
        let list = try await store.subscribers(status: status.flatMap(Subscriber.Status.init(rawValue:)), frequency: nil)
        for s in list {
            if json {
                let object: [String: Any] = ["email": s.email, "frequency": s.frequency.rawValue, "status": s.status.rawValue,
                                             "permanent_failures": s.permanentFailures]
                print(String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self))
            } else {
                print("\(s.email)\t\(s.frequency.rawValue)\t\(s.status.rawValue)")
            }
        }
    }
}

struct SubscribersRemove: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Delete subscribers and their send history.")

    @OptionGroup var db: DatabaseOptions

    @Argument(help: "E-mail addresses.")
    var emails: [String]

    func run() async throws {
        let stores = try await db.openStores()
        let store = stores.delivery
        var missing: [String] = []
        for raw in emails {
            let email = (try? EmailAddress.normalise(raw)) ?? raw
            if try await !store.removeSubscriber(email: email) { missing.append(raw) }
        }
        if !missing.isEmpty {
            FileHandle.standardError.write(Data("not subscribed: \(missing.joined(separator: ", "))\n".utf8))
            throw ExitCode(1)
        }
        print("Removed \(emails.count).")
    }
}

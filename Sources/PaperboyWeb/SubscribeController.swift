import Foundation
import Hummingbird
import PaperboyCore
import PaperboyDelivery
import PaperboyStore

/// Digest subscriptions without an account: `/subscribe` (double opt-in), `/subscribe/confirm`, `/unsubscribe`
/// (a page with a button on GET — mail scanners prefetch links — and RFC 8058 one-click on POST), and the dev
/// outbox at `/dev/mail` when enabled.
struct SubscribeController<Context: CommunityRequestContext>: Sendable {
    let delivery: DeliveryDependencies?
    let clock: Now
    let pages: PageRenderer

    struct PageView {
        var layout: LayoutView
        var heading: String
        var paragraphs: [String]
        var showForm = false
        var email = ""
        var weekly = false
        var unsubscribeToken: String?
    }

    func register(on router: Router<Context>) {
        router.get("/subscribe", use: form)
        router.post("/subscribe", use: subscribe)
        router.get("/subscribe/confirm", use: confirm)
        router.get("/unsubscribe", use: unsubscribePage)
        router.post("/unsubscribe", use: unsubscribe)
        router.get("/dev/mail", use: outbox)
        router.get("/dev/mail/:id", use: outboxMessage)
        router.get("/dev/mail/:id/html", use: outboxHTML)
    }

    func page(_ heading: String, _ paragraphs: [String], status: HTTPResponse.Status = .ok, context: Context,
              configure: (inout PageView) -> Void = { _ in }) -> Response {
        var view = PageView(layout: LayoutView(title: heading), heading: heading, paragraphs: paragraphs)
        configure(&view)
        return pages.render("subscribe", view, visitor: context.visitor, status: status)
    }

    func requireDelivery() throws -> DeliveryDependencies {
        guard let delivery = delivery else {
            throw PaperboyError(.configuration, "E-mail digests are not available on this server.")
        }
        return delivery
    }

    @Sendable func form(_ request: Request, context: Context) async throws -> Response {
        _ = try requireDelivery()
        return page("Get trending papers in your inbox",
                    ["The most upvoted papers of the day (weekdays) or of the week, with a two-line summary each."],
                    context: context) {
            $0.showForm = true
            $0.weekly = request.uri.queryParameters.get("frequency") == "weekly"
        }
    }

    @Sendable func subscribe(_ request: Request, context: Context) async throws -> Response {
        let delivery = try requireDelivery()
        var request = request
        let form = try await request.form()
        let rawEmail = form["email"] ?? ""
        let frequency: DigestFrequency
        switch form["frequency"] ?? "daily" {
        case "daily": frequency = .daily
        case "weekly": frequency = .weekly
        case let other: throw PaperboyError.invalid("'\(other.prefix(20))' is not a frequency (daily or weekly).")
        }
        let email: String
        do { email = try EmailAddress.normalise(rawEmail) } catch {
            return page("Check the address", [error.message], status: .badRequest, context: context) {
                $0.showForm = true
                $0.email = String(rawEmail.prefix(254))
                $0.weekly = frequency == .weekly
            }
        }
        let now = clock()
        if let existing = try await delivery.store.subscriber(email: email), existing.status == .confirmed {
            _ = try await delivery.store.subscribe(email: email, frequency: frequency, now: now)
            return page("You are subscribed", ["\(email) gets the \(frequency.rawValue) digest."], context: context)
        }
        let subscriber = try await delivery.store.subscribe(email: email, frequency: frequency, now: now)
        let token = delivery.signer.sign(.confirm, email: email, nonce: subscriber.nonce, expires: now.addingTimeInterval(7 * 86_400))
        do {
            _ = try await delivery.mailer.send(delivery.composer.confirmation(to: email, frequency: frequency, token: token))
        } catch {
            context.logger.error("confirmation mail to \(email) failed: \(error)")
            return page("We could not send the mail", ["Sending to \(email) failed. Please try again later."],
                        status: .serviceUnavailable, context: context)
        }
        return page("Check your inbox", ["We sent a confirmation link to \(email). The digest starts once you click it.",
                                         "The link is valid for 7 days."], context: context)
    }

    @Sendable func confirm(_ request: Request, context: Context) async throws -> Response {
        let delivery = try requireDelivery()
        let claims = try delivery.signer.verify(request.uri.queryParameters.get("token") ?? "", purpose: .confirm, now: clock())
        guard try await delivery.store.confirm(email: claims.email, nonce: claims.nonce, now: clock()) else {
            throw PaperboyError.invalid("This confirmation link is no longer valid. Subscribe again to get a new one.")
        }
        return page("Subscription confirmed", ["\(claims.email) will get the digest. Every mail has an unsubscribe link."], context: context)
    }

    @Sendable func unsubscribePage(_ request: Request, context: Context) async throws -> Response {
        let delivery = try requireDelivery()
        let token = request.uri.queryParameters.get("token") ?? ""
        let claims = try delivery.signer.verify(token, purpose: .unsubscribe, now: clock())
        return page("Unsubscribe", ["Stop sending digests to \(claims.email)?"], context: context) {
            $0.email = claims.email
            $0.unsubscribeToken = token
        }
    }

    /// One-click (RFC 8058: `List-Unsubscribe=One-Click` posted to the header's URL) and the page's button.
    @Sendable func unsubscribe(_ request: Request, context: Context) async throws -> Response {
        let delivery = try requireDelivery()
        var request = request
        let form = try await request.form()
        let token = request.uri.queryParameters.get("token") ?? form["token"] ?? ""
        let claims = try delivery.signer.verify(token, purpose: .unsubscribe, now: clock())
        guard try await delivery.store.unsubscribe(email: claims.email, nonce: claims.nonce, now: clock()) else {
            throw PaperboyError.invalid("This unsubscribe link is no longer valid: \(claims.email) is not subscribed with it.")
        }
        return page("Unsubscribed", ["\(claims.email) will get no more digests."], context: context) {
            $0.showForm = false
        }
    }

    // MARK: dev outbox

    struct OutboxView {
        var layout = LayoutView(title: "Dev outbox")
        var messages: [Item] = []
        var message: Detail?

        struct Item {
            var id: Int64
            var subject: String
            var to: String
            var date: String
        }

        struct Header {
            var name: String
            var value: String
        }

        struct Detail {
            var id: Int64
            var headers: [Header]
            var text: String
            var hasHTML: Bool
        }
    }

    func requireOutbox() throws -> DeliveryDependencies {
        guard let delivery = delivery, delivery.devOutbox else { throw PaperboyError.notFound("No such page.") }
        return delivery
    }

    @Sendable func outbox(_ request: Request, context: Context) async throws -> Response {
        let delivery = try requireOutbox()
        var view = OutboxView()
        view.messages = try await delivery.store.outbox(limit: 200).map {
            OutboxView.Item(id: $0.id ?? 0, subject: $0.subject, to: $0.recipients.joined(separator: ", "),
                            date: Timestamp.format($0.createdAt))
        }
        return pages.render("devmail", view, visitor: context.visitor)
    }

    func outboxItem(_ context: Context) async throws -> (DeliveryDependencies, OutboxMessage) {
        let delivery = try requireOutbox()
        guard let id = Int64(try context.parameters.require("id")),
              let message = try await delivery.store.outboxMessage(id: id) else {
            throw PaperboyError.notFound("No such message in the outbox.")
        }
        return (delivery, message)
    }

    @Sendable func outboxMessage(_ request: Request, context: Context) async throws -> Response {
        let (_, message) = try await outboxItem(context)
        var view = OutboxView()
        view.message = OutboxView.Detail(id: message.id ?? 0,
                                         headers: message.headers.compactMap { $0.count == 2 ? .init(name: $0[0], value: $0[1]) : nil },
                                         text: message.textBody ?? "(no text part)", hasHTML: message.htmlBody != nil)
        return pages.render("devmail", view, visitor: context.visitor)
    }

    /// The HTML part, sandboxed: no scripts, no same-origin access.
    @Sendable func outboxHTML(_ request: Request, context: Context) async throws -> Response {
        let (_, message) = try await outboxItem(context)
        guard let html = message.htmlBody else { throw PaperboyError.notFound("This message has no HTML part.") }
        return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8",
                                               .contentSecurityPolicy: "sandbox; default-src 'none'; style-src 'unsafe-inline'"],
                        body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}

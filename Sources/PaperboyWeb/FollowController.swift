import Foundation
import Hummingbird
import PaperboyCore
import PaperboyDelivery
import PaperboyStore

/// Follows for the digest and the account's e-mail settings: `POST /follow` (follow or unfollow an author, a
/// category or a saved search), `GET /settings/email` (the subscription of the account's address and its follows),
/// `POST /settings/email` (subscribe the account's address — no confirmation mail: it is the verified account
/// address — change the frequency, or unsubscribe).
struct FollowController: Sendable {
    typealias Context = AppRequestContext
    let clock: Now
    let delivery: DeliveryDependencies
    let pages: PageRenderer

    func register(on router: Router<Context>) {
        router.post("/follow", use: follow)
        router.get("/settings/email", use: settings)
        router.post("/settings/email", use: changeSubscription)
    }

    struct SettingsView {
        var layout = LayoutView(title: "E-mail and follows")
        var email: String
        var status: String
        var subscribed: Bool
        var weekly: Bool
        var follows: [FollowView]
        var notice: String?

        struct FollowView {
            var kind: String
            var value: String
            var label: String
        }
    }

    @Sendable func follow(_ request: Request, context: Context) async throws -> Response {
        guard let user = context.viewer else { return Redirect.toSignIn(then: "/settings/email") }
        var request = request
        let form = try await request.form()
        guard var kind = Follow.Kind(rawValue: form["kind"] ?? "") else {
            throw PaperboyError.invalid("Follow an author, a category or a search.")
        }
        var value = (form["value"] ?? "").trimmingCharacters(in: .whitespaces)
        // A saved search that is just `cat:X` follows the category.
        if kind == .search, value.lowercased().hasPrefix("cat:"), !value.contains(" "), value.count > 4 {
            kind = .category
            value = String(value.dropFirst(4))
        }
        let follow = try Follow(kind: kind, value: value)
        try await delivery.store.setFollow(userID: user.id, follow, on: form["on"] != "0", now: clock())
        return Redirect.to(Redirect.safeLocalPath(form["next"]) ?? "/settings/email")
    }

    @Sendable func settings(_ request: Request, context: Context) async throws -> Response {
        guard let user = context.viewer else { return Redirect.toSignIn(then: "/settings/email") }
        return try await render(user, context: context, notice: nil)
    }

    func render(_ user: User, context: Context, notice: String?) async throws -> Response {
        let email = user.email.lowercased()
        let subscriber = try await delivery.store.subscriber(email: email)
        let live = subscriber.map { $0.status == .confirmed || $0.status == .pending } ?? false
        let status = subscriber.map { s in
            switch s.status {
            case .confirmed: "You get the \(s.frequency.rawValue) digest at \(email)."
            case .pending: "Waiting for you to confirm the \(s.frequency.rawValue) digest at \(email)."
            case .unsubscribed: "You unsubscribed \(email)."
            case .bounced: "Mail to \(email) bounced; subscribe again to retry."
            }
        } ?? "You do not get the digest."
        let follows = try await delivery.store.follows(userID: user.id).map {
            SettingsView.FollowView(kind: $0.kind.rawValue, value: $0.value, label: $0.label)
        }
        let view = SettingsView(email: email, status: status, subscribed: live, weekly: subscriber?.frequency == .weekly,
                                follows: follows, notice: notice)
        return pages.render("email_settings", view, visitor: context.visitor)
    }

    @Sendable func changeSubscription(_ request: Request, context: Context) async throws -> Response {
        guard let user = context.viewer else { return Redirect.toSignIn(then: "/settings/email") }
        var request = request
        let form = try await request.form()
        let email = user.email.lowercased()
        let now = clock()
        switch form["action"] ?? "" {
        case "unsubscribe":
            if let s = try await delivery.store.subscriber(email: email) {
                _ = try await delivery.store.unsubscribe(email: email, nonce: s.nonce, now: now)
            }
            return try await render(user, context: context, notice: "Unsubscribed.")
        case "subscribe":
            guard let frequency = DigestFrequency(rawValue: form["frequency"] ?? "daily") else {
                throw PaperboyError.invalid("A frequency is daily or weekly.")
            }
            _ = try await delivery.store.addConfirmed(email: email, frequency: frequency, now: now)
            return try await render(user, context: context, notice: "You get the \(frequency.rawValue) digest.")
        default:
            throw PaperboyError.invalid("Subscribe or unsubscribe?")
        }
    }
}

import Foundation
import Hummingbird
import PaperboyCore
import PaperboyDelivery
import PaperboyStore

/// "E-mail me a sign-in link": `POST /signin/email` mails a one-time link (15 minutes, bound to the address,
/// throttled per address) to the account with that e-mail; `GET /signin/email/verify?token=` redeems it through
/// ``SessionLayer/signIn(_:request:context:)`` — a new session, as a password sign-in makes. The answer to the POST
/// never says whether an account exists.
struct MagicLinkController: Sendable {
    typealias Context = AppRequestContext
    let clock: Now
    let accounts: any AccountStore
    let delivery: DeliveryDependencies
    let links: SignInLinks
    let pages: PageRenderer
    let sessions: SessionLayer

    func register(on router: Router<Context>) {
        router.post("/signin/email", use: request)
        router.get("/signin/email/verify", use: verify)
    }

    func page(_ heading: String, _ text: String, status: HTTPResponse.Status = .ok, context: Context) -> Response {
        let view = SubscribeController<Context>.PageView(layout: LayoutView(title: heading), heading: heading, paragraphs: [text])
        return pages.render("subscribe", view, visitor: context.visitor, status: status)
    }

    @Sendable func request(_ request: Request, context: Context) async throws -> Response {
        var request = request
        let form = try await request.form()
        let email: String
        do { email = try EmailAddress.normalise(form["email"] ?? "") } catch {
            return page("Check the address", error.message, status: .badRequest, context: context)
        }
        let now = clock()
        guard let token = await links.issue(for: email, now: now) else {
            throw PaperboyError(.rateLimited, "Too many sign-in links were asked for this address. Try again in 15 minutes.")
        }
        if let found = try await accounts.credentials(login: email), found.user.email.lowercased() == email {
            let message = try delivery.composer.signInLink(to: email, token: token, minutes: Int(SignInLinks.lifetime / 60))
            do {
                _ = try await delivery.mailer.send(message)
            } catch {
                context.logger.error("sign-in link to \(email) failed: \(error)")
                return page("We could not send the mail", "Sending failed. Please try again later.",
                            status: .serviceUnavailable, context: context)
            }
        }
        return page("Check your inbox", "If an account uses \(email), we sent it a sign-in link. It works once, for 15 minutes.",
                    context: context)
    }

    @Sendable func verify(_ request: Request, context: Context) async throws -> Response {
        var context = context
        let email = try await links.redeem(request.uri.queryParameters.get("token") ?? "", now: clock())
        guard let found = try await accounts.credentials(login: email), found.user.email.lowercased() == email else {
            throw PaperboyError.invalid("No account uses \(email) any more.")
        }
        try await sessions.signIn(found.user, request: request, context: &context)
        return Redirect.to("/")
    }
}

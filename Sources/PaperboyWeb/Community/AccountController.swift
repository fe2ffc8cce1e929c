import Foundation
import Hummingbird
import PaperboyCore
import PaperboyStore

/// Sign-up, sign-in, sign-out, password change and API tokens (`/signup`, `/signin`, `/signout`, `/settings…`).
struct AccountController: Sendable {
    typealias Context = AppRequestContext
    let passwords: PasswordHasher
    let clock: Now
    let accounts: any AccountStore
    let pages: PageRenderer
    let sessions: SessionLayer
    let feedLinks: PrivateFeedLinks?

    func register(on router: Router<Context>) {
        router.get("/signup", use: signUpPage)
        router.post("/signup", use: signUp)
        router.get("/signin", use: signInPage)
        router.post("/signin", use: signIn)
        router.post("/signout", use: signOut)
        router.get("/settings", use: settings)
        router.post("/settings/password", use: changePassword)
        router.post("/settings/tokens", use: createToken)
        router.post("/settings/tokens/revoke", use: revokeToken)
    }

    var throttle: LoginThrottle { LoginThrottle(store: accounts) }

    @Sendable func signUpPage(_ request: Request, context: Context) async throws -> Response {
        sessions.ensureSession(context: context)
        return pages.render("signup", AccountPageView(title: "Sign up"), visitor: context.visitor)
    }

    @Sendable func signUp(_ request: Request, context: Context) async throws -> Response {
        var request = request
        var context = context
        let form = try await request.form()
        var view = AccountPageView(title: "Sign up")
        view.username = form["username"] ?? ""
        view.email = form["email"] ?? ""
        do {
            let username = try Username.validate(form["username"] ?? "")
            let email = try EmailAddress.normalise(form["email"] ?? "")
            let password = form["password"] ?? ""
            try PasswordPolicy.check(password)
            guard password == form["password2"] else { throw PaperboyError.invalid("The two passwords differ.") }
            let hash = await passwords.hash(password)
            let user = try await accounts.createUser(username: username, email: email, passwordHash: hash, at: clock())
            try await sessions.signIn(user, request: request, context: &context)
            return Redirect.to("/\(user.username)")
        } catch let error as PaperboyError where error.code != .storage {
            view.error = error.message
            return pages.render("signup", view, visitor: context.visitor, status: ErrorMapping.status(for: error.code))
        }
    }

    @Sendable func signInPage(_ request: Request, context: Context) async throws -> Response {
        sessions.ensureSession(context: context)
        var view = AccountPageView(title: "Sign in")
        view.next = Redirect.safeLocalPath(request.uri.queryParameters.get("next"))
        return pages.render("signin", view, visitor: context.visitor)
    }

    @Sendable func signIn(_ request: Request, context: Context) async throws -> Response {
        var request = request
        var context = context
        let form = try await request.form()
        let login = (form["login"] ?? "").trimmingWhitespace()
        var view = AccountPageView(title: "Sign in")
        view.login = login
        view.next = Redirect.safeLocalPath(form["next"])
        let now = clock()
        do {
            try await throttle.check(login: login, ip: context.remoteIP, now: now)
            let found = login.isEmpty ? nil : try await accounts.credentials(login: login)
            let ok = await passwords.verify(form["password"] ?? "", hash: found?.passwordHash ?? PasswordHasher.decoy)
            guard ok, let user = found?.user else {
                try await throttle.failed(login: login, ip: context.remoteIP, now: now)
                throw PaperboyError.unauthorized("Wrong username or password.")
            }
            try await throttle.succeeded(login: login)
            _ = try await accounts.purgeExpiredSessions(now: now)
            try await sessions.signIn(user, request: request, context: &context)
            return Redirect.to(view.next ?? "/")
        } catch let error as PaperboyError where error.code != .storage {
            view.error = error.message
            return pages.render("signin", view, visitor: context.visitor, status: ErrorMapping.status(for: error.code))
        }
    }

    @Sendable func signOut(_ request: Request, context: Context) async throws -> Response {
        var context = context
        sessions.signOut(context: &context)
        return Redirect.to("/")
    }

    @Sendable func settings(_ request: Request, context: Context) async throws -> Response {
        guard let user = context.viewer else { return Redirect.toSignIn(then: "/settings") }
        return try await renderSettings(user, context: context)
    }

    @Sendable func changePassword(_ request: Request, context: Context) async throws -> Response {
        guard let user = context.viewer else { return Redirect.toSignIn(then: "/settings") }
        var request = request
        let form = try await request.form()
        do {
            guard let stored = try await accounts.credentials(login: user.username),
                  await passwords.verify(form["current"] ?? "", hash: stored.passwordHash)
            else { throw PaperboyError.unauthorized("Your current password is not right.") }
            let password = form["password"] ?? ""
            try PasswordPolicy.check(password)
            guard password == form["password2"] else { throw PaperboyError.invalid("The two new passwords differ.") }
            try await accounts.setPasswordHash(userID: user.id, await passwords.hash(password))
            return try await renderSettings(user, context: context, notice: "Your password was changed.")
        } catch let error as PaperboyError where error.code != .storage {
            return try await renderSettings(user, context: context, error: error.message,
                                            status: ErrorMapping.status(for: error.code))
        }
    }

    @Sendable func createToken(_ request: Request, context: Context) async throws -> Response {
        guard let user = context.viewer else { return Redirect.toSignIn(then: "/settings") }
        var request = request
        let form = try await request.form()
        do {
            let made = try await APITokens.create(for: user, label: form["label"] ?? "", store: accounts, at: clock())
            return try await renderSettings(user, context: context, newToken: made.secret)
        } catch let error as PaperboyError where error.code == .invalidInput {
            return try await renderSettings(user, context: context, error: error.message, status: .badRequest)
        }
    }

    @Sendable func revokeToken(_ request: Request, context: Context) async throws -> Response {
        guard let user = context.viewer else { return Redirect.toSignIn(then: "/settings") }
        var request = request
        let form = try await request.form()
        guard let id = Int64(form["token"] ?? "") else { throw PaperboyError.invalid("Which token?") }
        try await accounts.revokeToken(id: id, userID: user.id)
        return Redirect.to("/settings")
    }

    private func renderSettings(_ user: User, context: Context, notice: String? = nil, error: String? = nil,
                                newToken: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        var view = AccountPageView(title: "Settings")
        view.notice = notice
        view.error = error
        view.newToken = newToken
        view.username = user.username
        view.email = user.email
        view.feed = feedLinks?.urls(for: user.id)
        view.tokens = try await accounts.tokens(userID: user.id).map {
            .init(id: $0.id, label: $0.label, created: Text.displayDate(Day(secondsSinceEpoch: $0.createdAt.timeIntervalSince1970)),
                  lastUsed: $0.lastUsedAt.map { Text.displayDate(Day(secondsSinceEpoch: $0.timeIntervalSince1970)) })
        }
        return pages.render("settings", view, visitor: context.visitor, status: status)
    }
}

/// The sign-up, sign-in and settings pages.
struct AccountPageView {
    var layout: LayoutView
    var heading: String
    var error: String?
    var notice: String?
    var username = ""
    var email = ""
    var login = ""
    /// Where to go after signing in (a local path).
    var next: String?
    /// A token just created: shown once.
    var newToken: String?
    var tokens: [TokenView] = []
    /// The reader's private "For you" feed (settings only).
    var feed: PrivateFeedLinks.URLs?

    struct TokenView {
        var id: Int64
        var label: String
        var created: String
        var lastUsed: String?
    }

    init(title: String) {
        layout = LayoutView(title: title)
        heading = title
    }
}

/// `303 See Other` redirects (after a POST) to local paths only.
enum Redirect {
    static func to(_ path: String) -> Response {
        Response(status: .seeOther, headers: [.location: safeLocalPath(path) ?? "/"])
    }

    static func toSignIn(then path: String) -> Response {
        let next = path.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "/-_.~"))) ?? "/"
        return Response(status: .seeOther, headers: [.location: "/signin?next=\(next)"])
    }

    /// `path` if it is a path on this site (`/x`, not `//host` or `/\host`), else `nil`.
    static func safeLocalPath(_ path: String?) -> String? {
        guard let path, path.hasPrefix("/"), !path.hasPrefix("//"), !path.hasPrefix("/\\"),
              !path.contains(where: { $0.isNewline || $0 == "\\" }), path.count <= 500 else { return nil }
        return path
    }
}

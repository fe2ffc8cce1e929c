import Foundation

/// A site account. The password hash never leaves the store except to be verified.
public struct User: Hashable, Sendable {
    public var id: Int64
    /// As typed at sign-up; unique regardless of case.
    public var username: String
    /// Normalised (``EmailAddress/normalise(_:)``) and unique.
    public var email: String
    public var isModerator: Bool
    public var createdAt: Date

    public init(id: Int64, username: String, email: String, isModerator: Bool = false, createdAt: Date) {
        self.id = id
        self.username = username
        self.email = email
        self.isModerator = isModerator
        self.createdAt = createdAt
    }

    /// How the user appears next to papers (HF's `user` objects).
    public var ref: UserRef { UserRef(username: username) }
}

/// Usernames: 2–32 characters of ASCII letters, digits, `-` and `_`, starting with a letter or digit, not one of
/// the site's reserved words (they would shadow pages at `/{username}`).
public enum Username {
    public static let reserved: Set<String> = [
        "admin", "administrator", "api", "about", "account", "accounts", "authors", "collections", "favicon.ico",
        "healthz", "hello", "help", "login", "logout", "me", "moderation", "moderator", "new", "papers", "register",
        "root", "search", "settings", "signin", "signout", "signup", "static", "submit", "support", "system",
        "tokens", "trending", "user", "users", "www", "paperboy", "null", "undefined", "subscribe", "unsubscribe", "dev",
        "categories", "feed", "feeds",
    ]

    /// The username trimmed, or an `invalidInput` error saying what is wrong.
    public static func validate(_ raw: String) throws(PaperboyError) -> String {
        let name = raw.trimmingWhitespace()
        guard (2...32).contains(name.count) else { throw .invalid("A username has 2 to 32 characters.") }
        guard name.unicodeScalars.allSatisfy({ $0.isASCII && (isAlnum($0) || $0 == "-" || $0 == "_") }) else {
            throw .invalid("A username may use only letters a–z, digits, '-' and '_'.")
        }
        guard let first = name.unicodeScalars.first, isAlnum(first) else {
            throw .invalid("A username starts with a letter or a digit.")
        }
        guard !reserved.contains(name.lowercased()) else { throw .invalid("'\(name)' is reserved; pick another username.") }
        return name
    }

    private static func isAlnum(_ s: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(s) || ("A"..."Z").contains(s) || ("0"..."9").contains(s)
    }
}

/// Password rules: 8–200 characters (bcrypt reads at most 72 bytes; longer is allowed but not stronger).
public enum PasswordPolicy {
    public static func check(_ password: String) throws(PaperboyError) {
        guard password.count >= 8 else { throw .invalid("A password has at least 8 characters.") }
        guard password.count <= 200 else { throw .invalid("A password has at most 200 characters.") }
    }
}

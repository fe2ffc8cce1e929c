/// The one error type that crosses module seams.
///
/// Every error carries a machine-readable ``Code``, a human message and an optional underlying cause.
/// Only the web layer maps codes to HTTP statuses (see `PaperboyWeb/ErrorMapping.swift`); the CLI prints
/// the message and exits non-zero.
public struct PaperboyError: Error, Sendable, CustomStringConvertible, Equatable {
    /// What kind of failure this is. Stable strings: they appear in JSON error bodies.
    public enum Code: String, Sendable, Equatable {
        /// Input from a user or a file did not parse or validate.
        case invalidInput = "invalid_input"
        /// The requested thing does not exist.
        case notFound = "not_found"
        /// The action conflicts with the stored state.
        case conflict
        /// The caller is not signed in (or its credentials are wrong or expired).
        case unauthorized
        /// The caller is known but may not do this (someone else's comment, a missing CSRF token, a private list).
        case forbidden
        /// Too many attempts (sign-in throttling); try again later.
        case rateLimited = "rate_limited"
        /// Storage failed (I/O, SQLite, a broken invariant in stored data).
        case storage
        /// A configuration value is missing or wrong.
        case configuration
        /// Anything else that is our fault.
        case `internal`
        /// A remote service we depend on (arXiv) answered with something unusable: an error, garbage.
        case upstream = "upstream_error"
        /// A remote service we depend on (arXiv) could not be reached or kept refusing (timeouts, 429/5xx).
        case unavailable = "upstream_unavailable"
    }

    public var code: Code
    public var message: String
    /// A description of the underlying error, if any (kept as text so the type stays `Sendable` and `Equatable`).
    public var cause: String?

    public init(_ code: Code, _ message: String, cause: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.cause = cause.map { String(describing: $0) }
    }

    public var description: String {
        if let cause { return "\(message) (\(cause))" }
        return message
    }

    public static func invalid(_ message: String) -> PaperboyError { PaperboyError(.invalidInput, message) }
    public static func notFound(_ message: String) -> PaperboyError { PaperboyError(.notFound, message) }
    public static func unauthorized(_ message: String) -> PaperboyError { PaperboyError(.unauthorized, message) }
    public static func forbidden(_ message: String) -> PaperboyError { PaperboyError(.forbidden, message) }
}

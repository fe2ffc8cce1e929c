import Foundation
import PaperboyCore

/// Where a PostgreSQL database is: parsed from `postgres://user[:password]@host[:port]/database`
/// (`postgresql://` too). A `host=/path` query item names a Unix socket directory instead of a TCP host, as libpq
/// does (`postgres://postgres@/db?host=/tmp/pg`); `sslmode=disable|prefer|require` picks TLS (default `prefer`).
public struct PostgresURL: Sendable, Equatable, CustomStringConvertible {
    public enum TLSMode: String, Sendable, Equatable { case disable, prefer, require }

    public var username: String
    public var password: String?
    /// The TCP host; `nil` when ``socketDirectory`` is set.
    public var host: String?
    public var port: Int
    /// The directory holding `.s.PGSQL.<port>` when connecting over a Unix socket.
    public var socketDirectory: String?
    public var database: String
    public var tls: TLSMode

    /// Whether `text` looks like a PostgreSQL URL (rather than an SQLite path).
    public static func isPostgres(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// Parses `text`; `invalidInput` with what is wrong otherwise.
    public init(_ text: String) throws {
        func bad(_ why: String) -> PaperboyError {
            PaperboyError(.invalidInput, "'\(Self.redacted(text))' is not a PostgreSQL URL: \(why). "
                + "Expected postgres://user[:password]@host[:port]/database.")
        }
        guard Self.isPostgres(text) else { throw bad("it must start with postgres:// or postgresql://") }
        guard let components = URLComponents(string: text) else { throw bad("it does not parse as a URL") }
        guard let user = components.user, !user.isEmpty else { throw bad("it names no user") }
        let items = components.queryItems ?? []
        let socket = items.first { $0.name == "host" }?.value
        let host = components.host.flatMap { $0.isEmpty ? nil : $0 }
        guard host != nil || socket != nil else { throw bad("it names no host") }
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        guard !path.isEmpty, !path.contains("/") else { throw bad("it names no database (or more than one path segment)") }
        let port = components.port ?? 5432
        guard (1...65535).contains(port) else { throw bad("port \(port) is out of range") }
        var tls = TLSMode.prefer
        if let mode = items.first(where: { $0.name == "sslmode" })?.value {
            guard let parsed = TLSMode(rawValue: mode) else { throw bad("sslmode must be disable, prefer or require") }
            tls = parsed
        }
        self.username = user.removingPercentEncoding ?? user
        self.password = components.password.map { $0.removingPercentEncoding ?? $0 }
        self.host = socket == nil ? host : nil
        self.port = port
        self.socketDirectory = socket
        self.database = path.removingPercentEncoding ?? path
        self.tls = socket == nil ? tls : .disable
    }

    /// The URL with the password hidden: safe for logs and error messages.
    public var description: String {
        let auth = password == nil ? username : "\(username):***"
        if let socketDirectory { return "postgres://\(auth)@:\(port)/\(database)?host=\(socketDirectory)" }
        return "postgres://\(auth)@\(host ?? ""):\(port)/\(database)" + (tls == .prefer ? "" : "?sslmode=\(tls.rawValue)")
    }

    /// The same server with another database (tests create one database each).
    public func with(database: String) -> PostgresURL {
        var copy = self
        copy.database = database
        return copy
    }

    static func redacted(_ text: String) -> String {
        guard let components = URLComponents(string: text), components.password != nil else { return text }
        var c = components
        c.password = "***"
        return c.string ?? "(unparsable URL)"
    }
}

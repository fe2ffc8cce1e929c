/// An error from the search engine: a stable `code` for programs and a `message` for people.
public struct SearchError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Stable error codes; the web layer maps them to HTTP statuses (`invalidQuery`/`queryTooLong` → 400).
    public enum Code: String, Sendable, Hashable, Codable {
        case invalidQuery = "invalid_query"
        case queryTooLong = "query_too_long"
        case corruptIndex = "corrupt_index"
        case io = "io_error"
        case invalidArgument = "invalid_argument"
    }

    public var code: Code
    public var message: String
    /// The underlying error, if any (for example the file system error), as text.
    public var cause: String?

    public init(_ code: Code, _ message: String, cause: String? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    public var description: String {
        "\(code.rawValue): \(message)" + (cause.map { " (\($0))" } ?? "")
    }
}

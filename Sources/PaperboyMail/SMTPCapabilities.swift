/// The ESMTP extensions a server advertised in its EHLO reply.
public struct SMTPCapabilities: Sendable, Equatable {
    /// Extension keywords (upper-cased) mapped to their parameters, e.g. `"AUTH": ["PLAIN", "LOGIN"]`.
    public var extensions: [String: [String]]
    /// Whether the server answered EHLO (false after a HELO fallback: no extensions at all).
    public var isExtended: Bool

    /// Creates capabilities directly.
    public init(extensions: [String: [String]] = [:], isExtended: Bool = true) {
        self.extensions = extensions
        self.isExtended = isExtended
    }

    /// Parses an EHLO reply; the first line is the server's greeting and is skipped.
    public init(ehloReply reply: SMTPReply) {
        var extensions: [String: [String]] = [:]
        for line in reply.lines.dropFirst() {
            let words = line.split(separator: " ").map(String.init)
            guard let keyword = words.first else { continue }
            extensions[keyword.uppercased()] = Array(words.dropFirst())
        }
        self.init(extensions: extensions, isExtended: true)
    }

    /// Whether an extension keyword was advertised.
    public func supports(_ keyword: String) -> Bool { extensions[keyword.uppercased()] != nil }

    /// Upper-cased SASL mechanisms from `AUTH`.
    public var authMechanisms: Set<String> { Set((extensions["AUTH"] ?? []).map { $0.uppercased() }) }
    public var pipelining: Bool { supports("PIPELINING") }
    public var startTLS: Bool { supports("STARTTLS") }
    public var eightBitMIME: Bool { supports("8BITMIME") }
    public var smtpUTF8: Bool { supports("SMTPUTF8") }
    /// The `SIZE` limit in bytes, if the server announced one (0 means no limit).
    public var sizeLimit: Int? { extensions["SIZE"]?.first.flatMap { Int($0) } }
}

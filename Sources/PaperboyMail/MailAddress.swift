/// A mailbox: an address such as `ada@example.org` with an optional display name.
public struct MailAddress: Sendable, Hashable, CustomStringConvertible {
    /// The display name, e.g. `Zoë Müller`; any Unicode is allowed (it is RFC 2047-encoded when needed).
    public var name: String?
    /// The addr-spec, `local@domain`. Non-ASCII requires a server with SMTPUTF8.
    public var address: String

    /// Creates a mailbox. The address is trimmed but not otherwise validated beyond ``validate()``.
    public init(_ address: String, name: String? = nil) {
        self.address = address.trimmingASCIIWhitespace()
        self.name = name
    }

    /// Whether the address itself (not the display name) contains non-ASCII characters.
    public var needsSMTPUTF8: Bool { !address.utf8.allSatisfy { $0 < 0x80 } }

    /// The domain part after the last `@`.
    public var domain: String {
        guard let at = address.lastIndex(of: "@") else { return "" }
        return String(address[address.index(after: at)...])
    }

    /// Throws ``MailError/Code/invalidMessage`` unless the address has the shape `local@domain` with no
    /// whitespace, angle brackets or control characters (which would allow command injection).
    public func validate() throws(MailError) {
        let forbidden: Set<Unicode.Scalar> = ["<", ">", " ", "\t", "\r", "\n", ","]
        guard let at = address.lastIndex(of: "@"), at != address.startIndex,
              address.index(after: at) != address.endIndex,
              !address.unicodeScalars.contains(where: { forbidden.contains($0) || $0.value < 0x20 || $0.value == 0x7F })
        else {
            throw MailError(.invalidMessage, "Invalid e-mail address: \(address.debugDescription)")
        }
    }

    public var description: String {
        if let name, !name.isEmpty { return "\(name) <\(address)>" }
        return address
    }
}

extension String {
    func trimmingASCIIWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}

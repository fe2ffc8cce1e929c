/// The one rule for e-mail addresses, for accounts and digest subscriptions alike: addresses are stored trimmed and
/// lower-cased, so `Ada@Example.org ` and `ada@example.org` are one account and one subscriber (sign-in links and
/// the e-mail settings page find the subscription of an account by this form).
public enum EmailAddress {
    /// Characters refused anywhere in an address: RFC 5322 specials other than `@` and `.` (they would need a
    /// quoted local part, which we do not accept, and some end or split a header or an SMTP command).
    static let forbidden: Set<Unicode.Scalar> = ["(", ")", "<", ">", "[", "]", ":", ";", ",", "\\", "\""]

    /// `raw` trimmed and lower-cased, if it has the shape of an address we can send to: `local@domain.tld` with
    /// exactly one `@`; a local part of 1–64 bytes; a domain with at least one dot and no empty label
    /// (`localhost` and `example` are refused); at most 254 bytes (UTF-8) in all; no white space, control characters
    /// or ``forbidden`` characters. Apostrophes and `+` tags are fine (`o'brien+papers@example.org`), and so is
    /// non-ASCII text (it needs a server with SMTPUTF8).
    /// - Throws: ``PaperboyError`` `.invalidInput` with a message for the person who typed the address.
    public static func normalise(_ raw: String) throws(PaperboyError) -> String {
        let email = raw.trimmingWhitespace().lowercased()
        guard email.utf8.count <= 254 else { throw .invalid("That e-mail address is too long (at most 254 characters).") }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...64).contains(parts[0].utf8.count), isDomain(parts[1]),
              email.unicodeScalars.allSatisfy(isAllowed)
        else { throw .invalid("'\(raw.prefix(80))' is not an e-mail address we can send to.") }
        return email
    }

    /// At least two labels, none empty: `example.org`, not `example`, `.org`, `example.` or `a..org`.
    static func isDomain(_ domain: Substring) -> Bool {
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy { !$0.isEmpty }
    }

    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        let p = scalar.properties
        return !p.isWhitespace && p.generalCategory != .control && p.generalCategory != .format
            && !forbidden.contains(scalar)
    }
}

/// Escaping for XML 1.0 text and attribute values.
public enum XMLEscaping {
    /// Whether `scalar` may appear in an XML 1.0 document (`#x9 | #xA | #xD | [#x20-#xD7FF] |
    /// [#xE000-#xFFFD] | [#x10000-#x10FFFF]`).
    public static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    /// `text` with `&`, `<`, `>`, `"` and `'` escaped, CR kept as `&#13;` (so XML parsers do not turn it
    /// into LF), and characters XML 1.0 forbids (most C0 controls, U+FFFE, U+FFFF) removed.
    /// Safe for element content and for double- or single-quoted attribute values; `]]>` cannot survive.
    public static func escape(_ text: String) -> String {
        var output = String.UnicodeScalarView()
        output.reserveCapacity(text.unicodeScalars.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output.append(contentsOf: "&amp;".unicodeScalars)
            case "<": output.append(contentsOf: "&lt;".unicodeScalars)
            case ">": output.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": output.append(contentsOf: "&quot;".unicodeScalars)
            case "'": output.append(contentsOf: "&apos;".unicodeScalars)
            case "\r": output.append(contentsOf: "&#13;".unicodeScalars)
            default:
                if isAllowed(scalar) { output.append(scalar) }
            }
        }
        return String(output)
    }

    /// `text` with the characters XML 1.0 forbids removed and nothing else changed.
    public static func stripInvalid(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter(isAllowed)))
    }
}

import Foundation

/// Unicode normalisation of one word: NFKC, lowercasing, diacritics folding ("Schrödinger" → "schrodinger",
/// "ﬁ" → "fi", "Ｆ" → "f", "ß" → "ss"). ASCII input only needs lowercasing, which callers do on the fly.
public enum TextNormalizer {
    /// Normalises a word that contains non-ASCII characters.
    public static func normalize(_ word: String) -> String {
        let lowered = word.precomposedStringWithCompatibilityMapping.lowercased()
        var out = String.UnicodeScalarView()
        for scalar in lowered.decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .enclosingMark, .format: continue
            default: break
            }
            switch scalar.value {
            case 0xDF: out.append(contentsOf: "ss".unicodeScalars)  // ß
            case 0xF8: out.append("o")  // ø
            case 0x142: out.append("l")  // ł
            case 0x111: out.append("d")  // đ
            case 0xE6: out.append(contentsOf: "ae".unicodeScalars)  // æ
            case 0x153: out.append(contentsOf: "oe".unicodeScalars)  // œ
            case 0x131: out.append("i")  // dotless i
            case 0x2019, 0x2018, 0x2BC: out.append("'")
            default: out.append(scalar)
            }
        }
        return String(out).precomposedStringWithCanonicalMapping
    }

    /// True for scalars that form words: letters, digits, combining marks.
    static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        let p = s.properties
        if p.isAlphabetic { return true }
        switch p.generalCategory {
        case .decimalNumber, .letterNumber, .otherNumber, .nonspacingMark, .spacingMark: return true
        default: return false
        }
    }

    /// True for ideographic and kana scalars, which are indexed one character per token.
    static func isIdeographic(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x2FA1F: return true
        default: return false
        }
    }
}

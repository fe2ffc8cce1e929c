import Foundation

/// Latin letters with accents as TeX commands, for ``BibTeXWriter``: `é` → `{\'{e}}`, `ı`-based `í` →
/// `{\'{\i}}`, `ß` → `{\ss}`. A character is converted only when it is an ASCII letter with exactly one accent
/// of the table, or one of the special letters; anything else answers `nil` (the caller keeps it as UTF-8).
enum TeXAccents {
    /// Combining mark → the TeX accent command.
    static let marks: [UInt32: String] = [
        0x0300: "`", 0x0301: "'", 0x0302: "^", 0x0303: "~", 0x0304: "=", 0x0306: "u", 0x0307: ".", 0x0308: "\"",
        0x030A: "r", 0x030B: "H", 0x030C: "v", 0x0327: "c", 0x0328: "k",
    ]

    /// Letters that are not an accent on an ASCII letter.
    static let letters: [Character: String] = [
        "ß": "{\\ss}", "æ": "{\\ae}", "Æ": "{\\AE}", "œ": "{\\oe}", "Œ": "{\\OE}", "ø": "{\\o}", "Ø": "{\\O}",
        "ł": "{\\l}", "Ł": "{\\L}", "ı": "{\\i}", "–": "--", "—": "---", "‘": "`", "’": "'", "“": "``", "”": "''",
        "\u{00A0}": "~",
    ]

    static func command(for character: Character) -> String? {
        if let letter = letters[character] { return letter }
        let scalars = Array(String(character).decomposedStringWithCanonicalMapping.unicodeScalars)
        guard scalars.count == 2, scalars[0].isASCII, scalars[0].properties.isAlphabetic,
              let accent = marks[scalars[1].value] else { return nil }
        let base = scalars[0] == "i" ? "\\i" : scalars[0] == "j" ? "\\j" : String(scalars[0])
        return "{\\\(accent){\(base)}}"
    }
}

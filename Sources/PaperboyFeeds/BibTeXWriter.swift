import Foundation

/// BibTeX `@misc` entries for papers (`/papers/{id}.bib`, a collection's `.bib`, the paper page's Cite box), in
/// the form arXiv itself suggests: `title`, `author` (" and "-joined), `year`, `eprint`, `archivePrefix = {arXiv}`,
/// `primaryClass`, `url` (and `doi` when known).
///
/// Values are brace-delimited and escaped so that no title or name can break the entry or smuggle in TeX:
/// the specials `& % $ # _ { } ~ ^ \` become `\&`, …, `\textasciitilde{}`, `\textasciicircum{}`,
/// `\textbackslash{}` (TeX in a title is therefore printed, not typeset). Latin letters with one accent become
/// TeX accent commands in braces (`ü` → `{\"{u}}`, `ç` → `{\c{c}}`, `ø` → `{\o}`) so classic 8-bit BibTeX handles
/// them; any other non-ASCII character (Greek, CJK, …) stays UTF-8, which biber and BibTeX with `inputenc` read.
/// A name holding a comma or the word "and" is braced as a whole, so BibTeX does not split it.
public enum BibTeXWriter {
    /// One entry under `key`.
    public static func entry(_ c: Citation, key: String) -> String {
        var fields: [(String, String)] = [("title", escape(c.title))]
        if !c.authors.isEmpty { fields.append(("author", c.authors.map(name).joined(separator: " and "))) }
        if let day = c.published { fields.append(("year", String(day.year))) }
        if let id = c.arxivID {
            fields.append(("eprint", escape(id)))
            fields.append(("archivePrefix", "arXiv"))
            if let primary = c.primaryClass { fields.append(("primaryClass", escape(primary))) }
        }
        fields.append(("url", url(c.url)))
        if let doi = c.doi { fields.append(("doi", escape(doi))) }
        let body = fields.map { "  \($0.0) = {\($0.1)}" }.joined(separator: ",\n")
        return "@misc{\(key),\n\(body)\n}\n"
    }

    /// Several entries, one blank line apart, with keys made unique within the document (``keys(for:)``).
    public static func document(_ citations: [Citation]) -> String {
        zip(citations, keys(for: citations)).map { entry($0, key: $1) }.joined(separator: "\n")
    }

    /// Google Scholar's style of key, `{last name}{year}{first title word}` in ASCII letters and digits
    /// (`vaswani2017attention`), one per citation and all different: a repeated key gets `b`, `c`, … appended
    /// (then numbers), skipping any key already taken.
    public static func keys(for citations: [Citation]) -> [String] {
        var taken = Set<String>()
        return citations.map { c in
            let base = key(for: c)
            var candidate = base
            var n = 1
            while taken.contains(candidate) {
                n += 1
                candidate = base + (n <= 26 ? String(UnicodeScalar(UInt8(96 + n))) : String(n))
            }
            taken.insert(candidate)
            return candidate
        }
    }

    /// The key of one citation before de-duplication; `paper` plus the id's digits when nothing usable is left.
    public static func key(for c: Citation) -> String {
        let last = c.authors.first.flatMap { $0.split(separator: " ").last.map(String.init) } ?? ""
        let year = c.published.map { String($0.year) } ?? ""
        let skipped: Set<String> = ["a", "an", "the", "on", "of", "in", "for", "to", "and", "with", "is", "are", "from",
                                    "towards", "toward", "via", "by", "at", "as"]
        let word = c.title.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
            .map { asciiAlphanumerics(String($0)) }.first { !$0.isEmpty && !skipped.contains($0) } ?? ""
        let key = asciiAlphanumerics(last) + year + word
        if key.isEmpty || key == year { return "paper" + key + asciiAlphanumerics(c.arxivID ?? "") }
        return key
    }

    /// A name for the `author` field: escaped, and braced whole when BibTeX would otherwise split it.
    public static func name(_ raw: String) -> String {
        let escaped = escape(raw)
        let words = raw.lowercased().split(separator: " ")
        return raw.contains(",") || words.contains("and") ? "{\(escaped)}" : escaped
    }

    /// `s` safe inside a brace-delimited BibTeX value (see the type's documentation for the rules).
    public static func escape(_ s: String) -> String {
        var out = ""
        for character in Citation.collapse(s) {
            if let ascii = character.asciiValue {
                out += asciiEscape(ascii)
            } else if let tex = TeXAccents.command(for: character) {
                out += tex
            } else {
                out.append(character)
            }
        }
        return out
    }

    private static func asciiEscape(_ byte: UInt8) -> String {
        switch byte {
        case UInt8(ascii: "\\"): return "\\textbackslash{}"
        case UInt8(ascii: "~"): return "\\textasciitilde{}"
        case UInt8(ascii: "^"): return "\\textasciicircum{}"
        case UInt8(ascii: "&"), UInt8(ascii: "%"), UInt8(ascii: "$"), UInt8(ascii: "#"), UInt8(ascii: "_"),
             UInt8(ascii: "{"), UInt8(ascii: "}"):
            return "\\" + String(UnicodeScalar(byte))
        default: return String(UnicodeScalar(byte))
        }
    }

    /// A URL as a field value: braces, backslashes and spaces percent-encoded (everything else is literal, as the
    /// `url` package reads it).
    static func url(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "{": out += "%7B"
            case "}": out += "%7D"
            case "\\": out += "%5C"
            case " ": out += "%20"
            default: if !u.properties.isWhitespace && u.properties.generalCategory != .control { out.unicodeScalars.append(u) }
            }
        }
        return out
    }

    /// Lower-case ASCII letters and digits of `s`, accents removed (`Müller` → `muller`).
    static func asciiAlphanumerics(_ s: String) -> String {
        let folded = s.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
        return String(folded.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }
            .map(Character.init))
    }
}

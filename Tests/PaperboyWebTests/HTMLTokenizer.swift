/// A small HTML tokenizer following the WHATWG states that matter for injection: tags with attributes (quoted,
/// unquoted, valueless), comments, doctype, raw text in `<script>`/`<style>`/`<textarea>`/`<title>`, and character
/// references in text and attribute values. Tests use it to check what a browser would build, not what a string
/// search finds.
struct HTMLTokenizer {
    struct Tag {
        var name: String
        var attributes: [(name: String, value: String)]
        var isEnd: Bool

        func attribute(_ name: String) -> String? { attributes.first { $0.name == name }?.value }
    }

    enum Token {
        case tag(Tag)
        case text(String)
        case comment(String)
    }

    static func tokenize(_ html: String) -> [Token] {
        let c = Array(html.unicodeScalars)
        var tokens: [Token] = []
        var text = ""
        var i = 0
        func flushText() {
            if !text.isEmpty { tokens.append(.text(decode(text))) }
            text = ""
        }
        func isAlpha(_ s: Unicode.Scalar) -> Bool { ("a"..."z").contains(s) || ("A"..."Z").contains(s) }
        func isSpace(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\n" || s == "\t" || s == "\r" || s == "\u{0C}" }
        while i < c.count {
            if c[i] == "<", i + 1 < c.count {
                if c[i + 1] == "!" {
                    flushText()
                    let startsComment = i + 3 < c.count && c[i + 2] == "-" && c[i + 3] == "-"
                    var j = i + 2
                    if startsComment {
                        j = i + 4
                        while j + 2 < c.count, !(c[j] == "-" && c[j + 1] == "-" && c[j + 2] == ">") { j += 1 }
                        tokens.append(.comment(String(String.UnicodeScalarView(c[min(i + 4, c.count)..<min(j, c.count)]))))
                        i = min(j + 3, c.count)
                    } else {
                        while j < c.count, c[j] != ">" { j += 1 }
                        i = j + 1
                    }
                    continue
                }
                let isEnd = c[i + 1] == "/"
                let nameStart = i + (isEnd ? 2 : 1)
                guard nameStart < c.count, isAlpha(c[nameStart]) else { text.unicodeScalars.append(c[i]); i += 1; continue }
                flushText()
                var j = nameStart
                var name = ""
                while j < c.count, !isSpace(c[j]), c[j] != "/", c[j] != ">" { name.unicodeScalars.append(c[j]); j += 1 }
                var attributes: [(String, String)] = []
                while j < c.count, c[j] != ">" {
                    if isSpace(c[j]) || c[j] == "/" { j += 1; continue }
                    var attr = ""
                    attr.unicodeScalars.append(c[j]); j += 1     // the first character may be anything, even '='
                    while j < c.count, !isSpace(c[j]), c[j] != "/", c[j] != ">", c[j] != "=" { attr.unicodeScalars.append(c[j]); j += 1 }
                    while j < c.count, isSpace(c[j]) { j += 1 }
                    var value = ""
                    if j < c.count, c[j] == "=" {
                        j += 1
                        while j < c.count, isSpace(c[j]) { j += 1 }
                        if j < c.count, c[j] == "\"" || c[j] == "'" {
                            let q = c[j]; j += 1
                            while j < c.count, c[j] != q { value.unicodeScalars.append(c[j]); j += 1 }
                            j += 1
                        } else {
                            while j < c.count, !isSpace(c[j]), c[j] != ">" { value.unicodeScalars.append(c[j]); j += 1 }
                        }
                    }
                    attributes.append((attr.lowercased(), decode(value)))
                }
                let tag = Tag(name: name.lowercased(), attributes: attributes, isEnd: isEnd)
                tokens.append(.tag(tag))
                i = j + 1
                if !isEnd, ["script", "style", "textarea", "title"].contains(tag.name) {
                    // Raw text until the matching end tag.
                    let close = Array("</\(tag.name)".unicodeScalars)
                    var k = i
                    while k + close.count <= c.count {
                        if String(String.UnicodeScalarView(c[k..<(k + close.count)])).lowercased() == String(String.UnicodeScalarView(close)) { break }
                        k += 1
                    }
                    let end = min(k, c.count)
                    tokens.append(.text(tag.name == "textarea" || tag.name == "title"
                        ? decode(String(String.UnicodeScalarView(c[i..<end]))) : String(String.UnicodeScalarView(c[i..<end]))))
                    i = end
                }
                continue
            }
            text.unicodeScalars.append(c[i])
            i += 1
        }
        flushText()
        return tokens
    }

    /// Decodes the character references templates emit (named basics and numeric).
    static func decode(_ s: String) -> String {
        guard s.contains("&") else { return s }
        var out = ""
        var rest = Substring(s)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[amp...]
            if let semi = after.firstIndex(of: ";"), after.distance(from: after.startIndex, to: semi) <= 10 {
                let entity = after[after.index(after: after.startIndex)..<semi]
                var replacement: String?
                switch entity {
                case "amp": replacement = "&"
                case "lt": replacement = "<"
                case "gt": replacement = ">"
                case "quot": replacement = "\""
                case "apos": replacement = "'"
                default:
                    if entity.hasPrefix("#x") || entity.hasPrefix("#X"), let v = UInt32(entity.dropFirst(2), radix: 16),
                       let u = Unicode.Scalar(v) { replacement = String(u) }
                    else if entity.hasPrefix("#"), let v = UInt32(entity.dropFirst()), let u = Unicode.Scalar(v) {
                        replacement = String(u)
                    }
                }
                if let replacement {
                    out += replacement
                    rest = after[after.index(after: semi)...]
                    continue
                }
            }
            out += "&"
            rest = after.dropFirst()
        }
        out += rest
        return out
    }
}

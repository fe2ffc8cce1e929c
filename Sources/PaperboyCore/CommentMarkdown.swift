/// The Markdown subset comments use, parsed into plain values — never into HTML. The web layer renders these with
/// escaping templates, so no input can produce markup: paragraphs, `*emphasis*`/`_emphasis_`, `**strong**`,
/// `` `code` ``, fenced code blocks, `-`/`*`/`1.` lists, `[text](https://…)` links and bare http(s) URLs.
/// Links with any other scheme stay plain text.
public enum CommentMarkdown {
    /// A run of text with one set of styles.
    public struct Span: Hashable, Sendable {
        public var text: String
        public var emphasis = false
        public var strong = false
        public var code = false
        /// An http(s) URL when the span is a link.
        public var href: String?

        public init(text: String, emphasis: Bool = false, strong: Bool = false, code: Bool = false, href: String? = nil) {
            self.text = text
            self.emphasis = emphasis
            self.strong = strong
            self.code = code
            self.href = href
        }
    }

    public enum Block: Hashable, Sendable {
        case paragraph([Span])
        case code(String)
        case list(ordered: Bool, items: [[Span]])
    }

    public static func parse(_ source: String) -> [Block] {
        let lines = source.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var blocks: [Block] = []
        var paragraph: [String] = []
        var list: (ordered: Bool, items: [String])?
        func flush() {
            if !paragraph.isEmpty { blocks.append(.paragraph(inline(paragraph.joined(separator: " ")))) }
            paragraph = []
            if let l = list { blocks.append(.list(ordered: l.ordered, items: l.items.map(inline))) }
            list = nil
        }
        var i = 0
        while i < lines.count {
            let line = lines[i]
            let trimmed = line.trimmingWhitespace()
            if trimmed.hasPrefix("```") {
                flush()
                var code: [String] = []
                i += 1
                while i < lines.count, !lines[i].trimmingWhitespace().hasPrefix("```") {
                    code.append(lines[i])
                    i += 1
                }
                blocks.append(.code(code.joined(separator: "\n")))
                i += 1
                continue
            }
            if trimmed.isEmpty {
                flush()
            } else if let (ordered, rest) = listItem(trimmed) {
                if !paragraph.isEmpty || (list != nil && list!.ordered != ordered) { flush() }
                if list == nil { list = (ordered, []) }
                list!.items.append(rest)
            } else if list != nil, line.first == " " || line.first == "\t" {
                list!.items[list!.items.count - 1] += " " + trimmed
            } else {
                if list != nil { flush() }
                paragraph.append(trimmed)
            }
            i += 1
        }
        flush()
        return blocks
    }

    /// `- x`, `* x`, `+ x` → (false, "x"); `1. x`, `2) x` → (true, "x").
    static func listItem(_ line: String) -> (Bool, String)? {
        let chars = Array(line)
        if chars.count >= 2, "-*+".contains(chars[0]), chars[1] == " " {
            return (false, String(chars[2...]).trimmingWhitespace())
        }
        var j = 0
        while j < chars.count, j < 9, chars[j].isASCII, chars[j].isNumber { j += 1 }
        if j > 0, j + 1 < chars.count, chars[j] == "." || chars[j] == ")", chars[j + 1] == " " {
            return (true, String(chars[(j + 2)...]).trimmingWhitespace())
        }
        return nil
    }

    /// Inline styles within one paragraph or list item.
    public static func inline(_ text: String) -> [Span] {
        let c = Array(text)
        var spans: [Span] = []
        var buffer = ""
        var em = false, strong = false
        func emit(_ span: Span) {
            if let last = spans.last, last.href == nil, span.href == nil, last.code == span.code,
               last.emphasis == span.emphasis, last.strong == span.strong {
                spans[spans.count - 1].text += span.text
            } else {
                spans.append(span)
            }
        }
        func flush() {
            if !buffer.isEmpty { emit(Span(text: buffer, emphasis: em, strong: strong)) }
            buffer = ""
        }
        func find(_ needle: [Character], from start: Int) -> Int? {
            guard needle.count <= c.count else { return nil }
            var k = start
            while k + needle.count <= c.count {
                if Array(c[k..<(k + needle.count)]) == needle { return k }
                k += 1
            }
            return nil
        }
        var i = 0
        while i < c.count {
            let ch = c[i]
            let prevIsWord = i > 0 && (c[i - 1].isLetter || c[i - 1].isNumber)
            if ch == "\\", i + 1 < c.count, c[i + 1].isPunctuation || c[i + 1].isSymbol {
                buffer.append(c[i + 1]); i += 2; continue
            }
            if ch == "`", let end = find(["`"], from: i + 1), end > i + 1 {
                flush()
                emit(Span(text: String(c[(i + 1)..<end]), emphasis: em, strong: strong, code: true))
                i = end + 1; continue
            }
            if (ch == "*" || ch == "_"), i + 1 < c.count, c[i + 1] == ch, ch == "*" || !prevIsWord {
                if strong || find([ch, ch], from: i + 2) != nil {
                    flush(); strong.toggle(); i += 2; continue
                }
            }
            if ch == "*" || (ch == "_" && (em || !prevIsWord)) {
                if em || find([ch], from: i + 1) != nil {
                    flush(); em.toggle(); i += 1; continue
                }
            }
            if ch == "[", let close = find(["]", "("], from: i + 1), let end = find([")"], from: close + 2) {
                let label = String(c[(i + 1)..<close])
                let url = String(c[(close + 2)..<end]).trimmingWhitespace()
                if let href = safeURL(url), !label.isEmpty {
                    flush()
                    emit(Span(text: label, emphasis: em, strong: strong, href: href))
                    i = end + 1; continue
                }
            }
            if ch == "h", !prevIsWord, let (url, length) = bareURL(c, at: i) {
                flush()
                emit(Span(text: url, emphasis: em, strong: strong, href: url))
                i += length; continue
            }
            buffer.append(ch)
            i += 1
        }
        flush()
        return spans
    }

    /// `url` when it is an absolute http(s) URL without spaces, quotes or angle brackets.
    public static func safeURL(_ url: String) -> String? {
        let lower = url.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://"), url.count > 8, url.count <= 2_000,
              !url.contains(where: { $0.isWhitespace || "\"'<>`\\".contains($0) || ($0.asciiValue ?? 0x20) < 0x20 })
        else { return nil }
        return url
    }

    /// A bare `http(s)://…` URL starting at `i`, without trailing punctuation.
    static func bareURL(_ c: [Character], at i: Int) -> (String, Int)? {
        let head = String(c[i..<min(i + 8, c.count)]).lowercased()
        guard head.hasPrefix("https://") || head.hasPrefix("http://") else { return nil }
        var j = i
        while j < c.count, !c[j].isWhitespace, !"<>\"'`".contains(c[j]) { j += 1 }
        while j > i, ".,;:!?)]*_".contains(c[j - 1]) { j -= 1 }
        let url = String(c[i..<j])
        guard let safe = safeURL(url) else { return nil }
        return (safe, j - i)
    }
}

import PaperboyCore

/// A short excerpt of a text around its best-matching region, with the matched words marked.
public struct Snippet: Sendable, Hashable {
    /// A run of snippet text, matched (to wrap in `<mark>`) or not. Escape `text` before putting it in HTML.
    public struct Segment: Sendable, Hashable {
        public var text: String
        public var isMatch: Bool
    }

    /// The excerpt ("…" marks cut ends; line breaks become spaces).
    public var text: String
    /// Matched ranges in `text`, ascending and non-overlapping.
    public var highlights: [Range<String.Index>]

    /// `text` cut into alternating plain and matched segments.
    public var segments: [Segment] {
        var out: [Segment] = []
        var cursor = text.startIndex
        for r in highlights {
            if cursor < r.lowerBound { out.append(Segment(text: String(text[cursor..<r.lowerBound]), isMatch: false)) }
            out.append(Segment(text: String(text[r]), isMatch: true))
            cursor = r.upperBound
        }
        if cursor < text.endIndex { out.append(Segment(text: String(text[cursor...]), isMatch: false)) }
        return out
    }
}

/// Picks the window of about `maxLength` bytes holding the most distinct query terms (then the most matches)
/// and marks every token whose analysed term is a query term (free text, phrases; not authors or exclusions).
public struct Highlighter: Sendable {
    public var analyzer: Analyzer
    /// Target snippet length in UTF-8 bytes (the excerpt is cut at word boundaries, so it may be a bit shorter).
    public var maxLength: Int

    public init(analyzer: Analyzer = Analyzer(), maxLength: Int = 240) {
        self.analyzer = analyzer
        self.maxLength = maxLength
    }

    /// Snippet of `text` for a query string (unparseable queries highlight nothing).
    public func snippet(query: String, text: String) -> Snippet {
        snippet(query: (try? QueryParser().parse(query)) ?? ParsedQuery(), text: text)
    }

    public func snippet(query: ParsedQuery, text: String) -> Snippet {
        snippet(wanted: wantedTerms(query), text: text, tokens: analyzer.analyze(text))
    }

    /// Snippets of several texts (a page of results) for one query: the query is analysed once and the texts'
    /// words are stemmed once each across the page; two threads share the page when it is long.
    public func snippets(query: ParsedQuery, texts: [String]) -> [Snippet] {
        let wanted = wantedTerms(query)
        guard texts.count >= 6 else {
            return zip(texts, analyzer.analyze(texts)).map { snippet(wanted: wanted, text: $0, tokens: $1) }
        }
        let half = (texts.count + 1) / 2
        let halves = [Array(texts[..<half]), Array(texts[half...])]
        return Parallel.map(2) { h in
            zip(halves[h], analyzer.analyze(halves[h])).map { snippet(wanted: wanted, text: $0, tokens: $1) }
        }.flatMap { $0 }
    }

    private func wantedTerms(_ query: ParsedQuery) -> Set<String> {
        let queryText = (query.text + query.required.filter { $0.field == .text }.map(\.text)).joined(separator: " ")
        return Set(analyzer.analyze(queryText).map(\.term))
    }

    private func snippet(wanted: Set<String>, text: String, tokens: [Token]) -> Snippet {
        let bytes = Array(text.utf8)
        let matches = tokens.filter { wanted.contains($0.term) }
        var bestStart = 0
        if !matches.isEmpty {
            var bestKey = (0, 0)
            for (i, m) in matches.prefix(200).enumerated() {  // bounded work on very long texts
                var distinct = Set<String>()
                var count = 0
                for n in matches[i...] {
                    if n.range.upperBound > m.range.lowerBound + maxLength { break }
                    distinct.insert(n.term)
                    count += 1
                }
                if (distinct.count, count) > bestKey {
                    bestKey = (distinct.count, count)
                    bestStart = m.range.lowerBound
                }
            }
        }
        var start = windowStart(bytes, firstMatch: bestStart)
        var end = min(bytes.count, start + maxLength)
        if end < bytes.count {
            var e = end
            while e > start && bytes[e] != UInt8(ascii: " ") && bytes[e] != UInt8(ascii: "\n") { e -= 1 }
            end = e > start ? e : snapForward(bytes, end)
        }
        start = snapForward(bytes, start)
        let prefix = start > 0 ? "… " : ""
        let suffix = end < bytes.count ? " …" : ""
        var body = Array(bytes[start..<end])
        for i in body.indices where body[i] == UInt8(ascii: "\n") || body[i] == UInt8(ascii: "\t") || body[i] == 13 {
            body[i] = UInt8(ascii: " ")
        }
        let snippetText = prefix + String(decoding: body, as: UTF8.self) + suffix
        let shift = prefix.utf8.count - start
        var ranges: [Range<Int>] = []
        for m in matches where m.range.lowerBound >= start && m.range.upperBound <= end {
            let r = (m.range.lowerBound + shift)..<(m.range.upperBound + shift)
            if let last = ranges.last, r.lowerBound < last.upperBound {
                ranges[ranges.count - 1] = last.lowerBound..<max(last.upperBound, r.upperBound)
            } else {
                ranges.append(r)
            }
        }
        let utf8 = snippetText.utf8
        let highlights = ranges.map { r -> Range<String.Index> in
            utf8.index(utf8.startIndex, offsetBy: r.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: r.upperBound)
        }
        return Snippet(text: snippetText, highlights: highlights)
    }

    /// Starts the window at the sentence start when it is close before the first match, else at a word boundary
    /// a little before it.
    private func windowStart(_ bytes: [UInt8], firstMatch: Int) -> Int {
        guard firstMatch > 0 else { return 0 }
        let lookback = min(firstMatch, maxLength / 4)
        var i = firstMatch
        while i > firstMatch - lookback {
            if i >= 2 && bytes[i - 1] == UInt8(ascii: " ") && bytes[i - 2] == UInt8(ascii: ".") { return i }
            i -= 1
        }
        if firstMatch - lookback == 0 { return 0 }
        var j = max(0, firstMatch - maxLength / 8)
        while j < firstMatch && bytes[j] != UInt8(ascii: " ") { j += 1 }
        return j < firstMatch ? j + 1 : firstMatch
    }

    /// Moves `i` forward to a UTF-8 scalar boundary.
    private func snapForward(_ bytes: [UInt8], _ i: Int) -> Int {
        var j = i
        while j < bytes.count && bytes[j] & 0xC0 == 0x80 { j += 1 }
        return j
    }
}


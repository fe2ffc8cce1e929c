/// Parses the search box language:
///
/// - `sparse attention` — free text; documents matching any word, ranked by BM25F.
/// - `"exact phrase"` — required phrase (an unclosed quote runs to the end of the query).
/// - `author:dao`, `author:"Tri Dao"` (also `au:`, `authors:`) — required author word or name.
/// - `cat:cs.CL` (also `category:`) — category filter; several `cat:` values mean any of them.
/// - `year:2025`, `year:2023..2025`, `date:2025-01..2025-06`, `date:2025-01-15..2025-02-01`, open ends
///   `date:2025-03..` / `date:..2024-12`.
/// - `-word`, `-"a phrase"`, `-author:x`, `-cat:x` — exclusions.
/// - `sort:relevance|date|upvotes`.
///
/// Lenient where a guess is safe, so pasted text (`E2f-1, -2, -3 regulate …`, `E. coli: …`) never turns into
/// exclusions or filters by accident:
/// - `-` starts an exclusion only when a letter or a quote follows it; `-2,`, `-3`, `-.5` are ordinary words
///   (kept as typed), `--` and other dashes without a letter or digit are dropped, a lone `-` is ignored.
/// - A known field with nothing after it (`author:` at the end or before a space, `author:""`) is ignored with
///   a warning.
/// - Unknown fields (`foo:bar`, `2:4`, `coli:`, `http://…`) are plain text; `foo:bar` and `foo:"…"` say so in a
///   warning, a word merely ending in a colon does not. An unclosed quote closes at the end.
///
/// Throws `SearchError` (`invalidQuery`) for bad values of known fields (`year:abc`, `sort:size`,
/// `date:2025..2024`) and `queryTooLong` above `maxLength` bytes.
public struct QueryParser: Sendable {
    /// Longest accepted query, in UTF-8 bytes.
    public var maxLength: Int
    /// Most words and clauses kept; the rest are dropped with a warning.
    public var maxClauses: Int

    public init(maxLength: Int = 2048, maxClauses: Int = 64) {
        self.maxLength = maxLength
        self.maxClauses = maxClauses
    }

    public func parse(_ input: String) throws(SearchError) -> ParsedQuery {
        guard input.utf8.count <= maxLength else {
            throw SearchError(.queryTooLong, "The query is longer than \(maxLength) bytes.")
        }
        var query = ParsedQuery()
        let chars = Array(input.unicodeScalars)
        var i = 0
        var clauseCount = 0
        while i < chars.count {
            let c = chars[i]
            if c.properties.isWhitespace { i += 1; continue }
            var negate = false
            if c == "-" {
                guard i + 1 < chars.count, !chars[i + 1].properties.isWhitespace else { i += 1; continue }  // lone "-"
                if Self.startsExclusion(chars[i + 1]) {
                    negate = true
                    i += 1
                }
            }
            let (raw, quoted, next) = readTerm(chars, from: i)
            i = next
            clauseCount += 1
            if clauseCount > maxClauses {
                if clauseCount == maxClauses + 1 { query.warnings.append("Only the first \(maxClauses) words were used.") }
                continue
            }
            if quoted {
                add(Self.clean(raw), field: .text, negate: negate, phrase: true, to: &query)
                continue
            }
            if raw.first == "-" {
                // "-2,", "-3", "-.5", "--": a dash before a digit or punctuation is text, not an exclusion.
                if raw.contains(where: Self.isLetterOrDigit) { add(Self.clean(raw), field: .text, negate: false, phrase: false, to: &query) }
                continue
            }
            if let colon = raw.firstIndex(of: ":"), colon > 0 {
                let name = String(String.UnicodeScalarView(raw[..<colon])).lowercased()
                var value = String(String.UnicodeScalarView(raw[(colon + 1)...]))
                if let field = KnownField(name: name) {
                    var valueQuoted = false
                    if value.isEmpty, i < chars.count, chars[i] == "\"" {
                        // field:"quoted value"
                        let (v, _, n) = readTerm(chars, from: i)
                        value = Self.clean(v)
                        valueQuoted = true
                        i = n
                    }
                    guard !value.isEmpty else {
                        query.warnings.append("\"\(negate ? "-" : "")\(name):\" has no value and was ignored.")
                        continue
                    }
                    try apply(field, name: name, value: value, quoted: valueQuoted, negate: negate, to: &query)
                    continue
                }
                let looksLikeField = value.unicodeScalars.first.map(Self.isLetterOrDigit)
                    ?? (i < chars.count && chars[i] == "\"")
                if Self.isFieldName(name) && looksLikeField {
                    query.warnings.append("Unknown field \"\(name):\" was searched as text.")
                }
            }
            add(String(String.UnicodeScalarView(raw)), field: .text, negate: negate, phrase: false, to: &query)
        }
        return query
    }

    /// Reads a quoted phrase or a bare word at `i`; returns its scalars, whether it was quoted, and the next index.
    private func readTerm(_ chars: [Unicode.Scalar], from start: Int) -> ([Unicode.Scalar], Bool, Int) {
        var i = start
        if chars[i] == "\"" {
            i += 1
            let s = i
            while i < chars.count && chars[i] != "\"" { i += 1 }
            let value = Array(chars[s..<i])
            return (value, true, min(i + 1, chars.count))
        }
        let s = i
        while i < chars.count && !chars[i].properties.isWhitespace {
            if chars[i] == "\"" && i > s { break }  // word"phrase or field:"value"
            i += 1
        }
        return (Array(chars[s..<i]), false, i)
    }

    static func clean(_ scalars: [Unicode.Scalar]) -> String {
        String(String.UnicodeScalarView(scalars)).trimmingSpaces()
    }

    static func isFieldName(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy { ($0 >= "a" && $0 <= "z") || $0 == "_" }
    }

    /// What may follow `-` for it to mean "exclude": a letter (`-word`, `-author:x`) or a quote (`-"a phrase"`).
    static func startsExclusion(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\"" || scalar.properties.isAlphabetic
    }

    static func isLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    func add(_ text: String, field: ParsedQuery.Field, negate: Bool, phrase: Bool, to query: inout ParsedQuery) {
        guard !text.isEmpty else { return }
        let clause = ParsedQuery.Clause(field: field, text: text)
        if negate {
            query.excluded.append(clause)
        } else if phrase || field != .text {
            query.required.append(clause)
        } else {
            query.text.append(text)
        }
    }
}

extension String {
    func trimmingSpaces() -> String {
        let scalars = unicodeScalars
        guard let a = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let b = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[a...b])
    }
}

/// Parses the search box language:
///
/// - `sparse attention` — free text; documents matching any word, ranked by BM25F.
/// - `"exact phrase"` — required phrase (an unclosed quote runs to the end of the query).
/// - `author:dao`, `author:"Tri Dao"` (also `au:`) — required author word or name.
/// - `cat:cs.CL` (also `category:`) — category filter; several `cat:` values mean any of them.
/// - `year:2025`, `year:2023..2025`, `date:2025-01..2025-06`, `date:2025-01-15..2025-02-01`, open ends
///   `date:2025-03..` / `date:..2024-12`.
/// - `-word`, `-"a phrase"`, `-author:x`, `-cat:x` — exclusions.
/// - `sort:relevance|date|upvotes`.
///
/// Lenient where a guess is safe: unknown fields (`foo:bar`, `2:4`) are plain text, a lone `-` is ignored,
/// unbalanced quotes close at the end. Throws `SearchError` (`invalidQuery`) for bad values of known fields
/// (`year:abc`, `sort:size`, `author:` with nothing after it) and `queryTooLong` above `maxLength` bytes.
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
                negate = true
                i += 1
                if i >= chars.count || chars[i].properties.isWhitespace { continue }  // lone "-"
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
            if let colon = raw.firstIndex(of: ":"), colon > 0 {
                let name = String(String.UnicodeScalarView(raw[..<colon])).lowercased()
                var value = String(String.UnicodeScalarView(raw[(colon + 1)...]))
                var valueQuoted = false
                if value.isEmpty, i < chars.count, chars[i] == "\"" {
                    // field:"quoted value"
                    let (v, _, n) = readTerm(chars, from: i)
                    value = Self.clean(v)
                    valueQuoted = true
                    i = n
                }
                if try applyField(name, value: value, quoted: valueQuoted, negate: negate, to: &query) { continue }
                if Self.isFieldName(name) {
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

    private func add(_ text: String, field: ParsedQuery.Field, negate: Bool, phrase: Bool, to query: inout ParsedQuery) {
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

    /// Applies a known field; returns false for unknown names (the caller treats the word as text).
    private func applyField(
        _ name: String, value: String, quoted: Bool, negate: Bool, to query: inout ParsedQuery
    ) throws(SearchError) -> Bool {
        switch name {
        case "author", "au", "authors":
            guard !value.isEmpty else { throw SearchError(.invalidQuery, "\"\(name):\" needs a name, e.g. author:\"Tri Dao\".") }
            add(value, field: .author, negate: negate, phrase: quoted, to: &query)
        case "cat", "category":
            guard !value.isEmpty else { throw SearchError(.invalidQuery, "\"\(name):\" needs a category, e.g. cat:cs.CL.") }
            if negate { query.excludedCategories.append(value) } else { query.categories.append(value) }
        case "year":
            let (from, to) = try DayRangeParser.parse(value, field: name, wholeYearsOnly: true)
            narrow(&query, from: from, to: to)
        case "date":
            let (from, to) = try DayRangeParser.parse(value, field: name, wholeYearsOnly: false)
            narrow(&query, from: from, to: to)
        case "sort":
            guard let sort = ParsedQuery.Sort(rawValue: value.lowercased()) else {
                throw SearchError(.invalidQuery, "sort: must be relevance, date or upvotes (got \"\(value)\").")
            }
            query.sort = sort
        default:
            return false
        }
        return true
    }

    private func narrow(_ query: inout ParsedQuery, from: Int?, to: Int?) {
        if let from { query.fromDay = max(query.fromDay ?? from, from) }
        if let to { query.toDay = min(query.toDay ?? to, to) }
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

/// The pieces of "a quoted phrase with no hits falls back to its words": which phrases to give up, and the query
/// without them. The catalog (`SearchCatalog.search`) decides when to use them and tells the user.
extension ParsedQuery {
    /// The quoted phrases the query requires (`"…"`; not `author:"…"`, not exclusions), in the order typed.
    public var phrases: [Clause] { required.filter { $0.field == .text } }

    /// The query with `phrases` searched as free words instead of required phrases. Their words go before the
    /// other free words, so ``semanticText`` (phrases first, then words) does not change.
    public func relaxing(_ phrases: [Clause]) -> ParsedQuery {
        var query = self
        var words: [String] = []
        for phrase in phrases {
            guard let i = query.required.firstIndex(of: phrase), phrase.field == .text else { continue }
            query.required.remove(at: i)
            words += phrase.text.split(whereSeparator: \.isWhitespace).map(String.init)
        }
        query.text = words + query.text
        return query
    }
}

extension IndexSnapshot {
    /// For a query that matched nothing: the quoted phrases to search as words instead — those that no live
    /// document contains, or all of them when each is found on its own but not together with the rest of the
    /// query. Empty when the query has no quoted phrases.
    public func phrasesToRelax(in query: ParsedQuery) -> [ParsedQuery.Clause] {
        let phrases = query.phrases
        guard !phrases.isEmpty else { return [] }
        let missing = phrases.filter { phrase in
            var alone = ParsedQuery()
            alone.required = [phrase]
            return search(SearchRequest(query: alone, limit: 1, exactTotal: false)).hits.isEmpty
        }
        return missing.isEmpty ? phrases : missing
    }
}

import PaperboyCore
import PaperboySearch

extension SearchCatalog {
    /// The papers a list filter keeps (`?q=` on the daily/weekly/monthly/trending lists, `/api/daily_papers`):
    /// `text` parsed by the search's ``QueryParser`` (same language, same lenient rules and errors) and matched on
    /// the published lexical index (``IndexSnapshot/documentIDs(matching:)``). `nil` when there is nothing to filter
    /// by (blank, or only parts the parser drops). Lexical whatever the search mode: a filter keeps or drops, it does
    /// not rank, and a quoted phrase no paper has keeps nothing (no phrase fallback for filters). A paper imported
    /// since the last index refresh (≤ 30 s) is not matched until it is indexed. Malformed queries throw
    /// `invalidInput` with the parser's message.
    public nonisolated func matchingPaperIDs(_ text: String) throws(PaperboyError) -> Set<PaperID>? {
        guard !text.allSatisfy(\.isWhitespace) else { return nil }
        let parsed: ParsedQuery
        do {
            parsed = try QueryParser().parse(text)
        } catch {
            throw PaperboyError(.invalidInput, error.message)
        }
        guard let ids = indexes.lexical.snapshot.documentIDs(matching: parsed) else { return nil }
        return Set(ids.lazy.map { PaperID(unchecked: $0) })
    }
}

import PaperboySearch

extension SearchCatalog {
    /// A quoted phrase with no hits falls back to its words: when `results` (the query as typed) found nothing and
    /// the query has quoted phrases, it runs again with the phrases that match nothing (all of them when each is
    /// found alone; `IndexSnapshot.phrasesToRelax(in:)`) searched as ordinary words, and answers that, with a
    /// warning naming the phrases. If the words find nothing either, the original (empty) results stand, without
    /// the warning. Every caller of ``search(_:)`` — the API, the search page, the CLI — gets this unless it sets
    /// ``CatalogQuery/phraseFallback`` to false.
    nonisolated func phraseFallback(_ results: CatalogResults, _ query: CatalogQuery, snapshot: IndexSnapshot)
        async throws -> CatalogResults
    {
        guard query.phraseFallback, results.total == 0 else { return results }
        let relaxed = snapshot.phrasesToRelax(in: results.query)
        guard !relaxed.isEmpty else { return results }
        var retried = try await run(results.query.relaxing(relaxed), query, snapshot: snapshot)
        guard retried.total > 0 else { return results }
        retried.warnings.append(Self.phraseFallbackNote(relaxed))
        return retried
    }

    /// `No results for the phrase "…"; showing results for its words.` (or the phrases and their words).
    static func phraseFallbackNote(_ phrases: [ParsedQuery.Clause]) -> String {
        let quoted = phrases.map { "\"\($0.text)\"" }
        if quoted.count == 1 { return "No results for the phrase \(quoted[0]); showing results for its words." }
        return "No results for the phrases \(quoted.joined(separator: ", ")); showing results for their words."
    }
}

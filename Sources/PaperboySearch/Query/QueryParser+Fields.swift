/// The fields the query language knows, by the names that select them.
enum KnownField {
    case author, category, year, date, sort

    /// `name` lowercased, without the colon; nil for names the language does not know (searched as text).
    init?(name: String) {
        switch name {
        case "author", "au", "authors": self = .author
        case "cat", "category": self = .category
        case "year": self = .year
        case "date": self = .date
        case "sort": self = .sort
        default: return nil
        }
    }
}

extension QueryParser {
    /// Applies a known field with a non-empty `value`; throws for values the field cannot take.
    func apply(
        _ field: KnownField, name: String, value: String, quoted: Bool, negate: Bool, to query: inout ParsedQuery
    ) throws(SearchError) {
        switch field {
        case .author:
            add(value, field: .author, negate: negate, phrase: quoted, to: &query)
        case .category:
            if negate { query.excludedCategories.append(value) } else { query.categories.append(value) }
        case .year:
            let (from, to) = try DayRangeParser.parse(value, field: name, wholeYearsOnly: true)
            narrow(&query, from: from, to: to)
        case .date:
            let (from, to) = try DayRangeParser.parse(value, field: name, wholeYearsOnly: false)
            narrow(&query, from: from, to: to)
        case .sort:
            guard let sort = ParsedQuery.Sort(rawValue: value.lowercased()) else {
                throw SearchError(.invalidQuery, "sort: must be relevance, date or upvotes (got \"\(value)\").")
            }
            query.sort = sort
        }
    }

    private func narrow(_ query: inout ParsedQuery, from: Int?, to: Int?) {
        if let from { query.fromDay = max(query.fromDay ?? from, from) }
        if let to { query.toDay = min(query.toDay ?? to, to) }
    }
}

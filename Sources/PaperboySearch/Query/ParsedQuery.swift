/// A parsed search query (see `QueryParser` for the syntax). Values are still raw text; analysis happens at
/// search time with the index's analyzer.
public struct ParsedQuery: Sendable, Hashable {
    /// Which indexed field a clause targets.
    public enum Field: String, Sendable, Hashable, Codable {
        /// Title and abstract.
        case text
        case author
    }

    /// A word or phrase bound to a field. A multi-word clause matches as a phrase.
    public struct Clause: Sendable, Hashable {
        public var field: Field
        public var text: String

        public init(field: Field, text: String) {
            self.field = field
            self.text = text
        }
    }

    /// Result order.
    public enum Sort: String, Sendable, Hashable, Codable {
        /// By BM25F score (newest first when the query has no words).
        case relevance
        /// Newest day first, then score.
        case date
        /// Most upvotes first, then score.
        case upvotes
    }

    /// Free-text words: any may match (BM25 over their disjunction).
    public var text: [String] = []
    /// Clauses every result must match: quoted phrases and `author:` values.
    public var required: [Clause] = []
    /// Clauses no result may match (`-word`, `-"a phrase"`, `-author:x`).
    public var excluded: [Clause] = []
    /// Results must have one of these categories (`cat:`), compared case-insensitively.
    public var categories: [String] = []
    /// Results must not have any of these categories (`-cat:`).
    public var excludedCategories: [String] = []
    /// Inclusive day range as yyyymmdd (`year:`, `date:`); nil bounds are open.
    public var fromDay: Int?
    public var toDay: Int?
    public var sort: Sort = .relevance
    /// Notes about lenient parsing ("unknown field foo: searched as text"), for display.
    public var warnings: [String] = []
    /// Terms added by pseudo-relevance feedback (``IndexSnapshot/expanded(_:feedbackDocuments:feedback:)``);
    /// nil for a query as the user typed it.
    public var expansion: QueryExpansion?

    public init() {}

    /// True when the query neither has words nor filters (matches nothing).
    public var isEmpty: Bool {
        text.isEmpty && required.isEmpty && categories.isEmpty && fromDay == nil && toDay == nil
            && excludedCategories.isEmpty
    }

    /// True when only filters constrain the result (every document passing them matches).
    var isFilterOnly: Bool { text.isEmpty && required.isEmpty }
}

import PaperboyCore

/// SQL text both database backends share (the schemas keep the same table and column names): what a paper row
/// holds, and how a feed page is selected and ordered. Each backend adds its own placeholders and clock.
package enum StoreSQL {
    /// The `papers` columns an import writes, in the order of the backends' values.
    package static let paperColumns = [
        "id", "version", "title", "abstract", "authors_json", "categories_json", "primary_category", "published_at",
        "updated_at", "comment", "journal_ref", "doi", "github_repo", "github_stars", "project_page", "ai_summary",
        "ai_keywords_json", "author_count", "thumbnail", "discussion_id", "organization_json", "imported_upvotes",
        "imported_comments", "source", "source_updated_at", "community_updated_at",
    ]

    /// `INSERT INTO papers (…)`'s column list.
    package static let paperColumnList = paperColumns.joined(separator: ", ")

    /// The `ON CONFLICT (id) DO UPDATE SET` assignments: every imported column but the id (local counts stay).
    package static let paperConflictUpdates = paperColumns.dropFirst().map { "\($0) = excluded.\($0)" }
        .joined(separator: ", ")

    /// A feed page's rows: each daily entry with its paper, filtered by `whereClause` (empty or `WHERE …`).
    package static func feedSelect(_ whereClause: String) -> String {
        """
        SELECT e.day, e.paper_id, e.position, e.submitter_username, e.submitter_fullname, e.submitter_avatar,
               e.submitted_at, e.title AS entry_title, p.*
        FROM daily_entries e JOIN papers p ON p.id = e.paper_id \(whereClause)
        """
    }

    /// The `ORDER BY` of the orders SQL pages itself (trending is ordered in Swift by ``FeedSort``).
    package static func feedOrder(_ sort: FeedSort) -> String {
        sort == .upvotes
            ? "(p.imported_upvotes + p.local_upvotes) DESC, e.day DESC, e.position, e.paper_id"
            : "e.day DESC, e.position, e.paper_id"
    }
}

import Foundation
import PaperboyCore
import PaperboyStore
import PostgresNIO

/// Mapping between `papers` / `daily_entries` rows and core values, the same columns and JSON texts as SQLite's
/// `PaperRow`.
enum PostgresPaperRow {
    /// Inserts or overwrites one paper's imported fields (local counts stay), bumping `modified_at`.
    static func upsert(_ p: Paper) throws -> PostgresQuery {
        let organization = try p.organization.map(json)
        return """
            INSERT INTO papers (\(unescaped: StoreSQL.paperColumnList))
            VALUES (\(p.id.rawValue), \(p.version), \(p.title), \(p.abstract), \(JSONText.authors(p.authors)),
                \(JSONText.strings(p.categories)), \(p.categories.first), \(p.publishedAt?.timeIntervalSince1970),
                \(p.updatedAt?.timeIntervalSince1970), \(p.comment), \(p.journalRef), \(p.doi), \(p.githubRepo),
                \(p.githubStars), \(p.projectPage), \(p.aiSummary), \(JSONText.strings(p.aiKeywords)), \(p.authorCount),
                \(p.thumbnail), \(p.discussionID), \(organization), \(p.importedUpvotes), \(p.importedComments),
                \(p.source), \(p.sourceUpdatedAt?.timeIntervalSince1970), \(p.communityUpdatedAt?.timeIntervalSince1970))
            ON CONFLICT (id) DO UPDATE SET \(unescaped: StoreSQL.paperConflictUpdates),
                modified_at = \(unescaped: touchTime)
            """
    }

    /// A strictly increasing `modified_at` (so the embedding job sees every change).
    static let touchTime = "greatest(papers.modified_at + 0.000001, \(PostgresSchema.nowSQL))"
    /// `SET` clause that bumps `modified_at`.
    static let touchSQL = "modified_at = \(touchTime)"

    static func paper(from row: PostgresRandomAccessRow) throws -> Paper {
        Paper(
            id: PaperID(unchecked: try row.get("id")),
            version: try row.get("version", as: Int?.self),
            title: try row.get("title"),
            abstract: try row.get("abstract"),
            authors: try JSONText.decodeAuthors(try row.get("authors_json")),
            categories: try JSONText.decodeStrings(try row.get("categories_json")),
            publishedAt: date(try row.get("published_at")),
            updatedAt: date(try row.get("updated_at")),
            comment: try row.get("comment"),
            journalRef: try row.get("journal_ref"),
            doi: try row.get("doi"),
            githubRepo: try row.get("github_repo"),
            githubStars: try row.get("github_stars", as: Int?.self),
            projectPage: try row.get("project_page"),
            aiSummary: try row.get("ai_summary"),
            aiKeywords: try JSONText.decodeStrings(try row.get("ai_keywords_json")),
            authorCount: try row.get("author_count", as: Int?.self),
            thumbnail: try row.get("thumbnail"),
            discussionID: try row.get("discussion_id"),
            organization: try (try row.get("organization_json", as: String?.self)).map { try decode(Organization.self, $0) },
            importedUpvotes: try row.get("imported_upvotes", as: Int.self),
            importedComments: try row.get("imported_comments", as: Int.self),
            source: try row.get("source"),
            sourceUpdatedAt: date(try row.get("source_updated_at")),
            communityUpdatedAt: date(try row.get("community_updated_at"))
        )
    }

    /// Reads an entry from a `daily_entries` row, or from a feed row where its title is `entry_title`.
    static func entry(from row: PostgresRandomAccessRow) throws -> DailyEntry {
        let username = try row.get("submitter_username", as: String?.self)
        return DailyEntry(
            day: try Day(parsing: try row.get("day", as: String.self)),
            paperID: PaperID(unchecked: try row.get("paper_id")),
            position: try row.get("position", as: Int.self),
            submitter: try username.map { UserRef(username: $0, fullname: try row.get("submitter_fullname"),
                                                  avatarURL: try row.get("submitter_avatar")) },
            submittedAt: date(try row.get("submitted_at")),
            title: try row.get(row.has("entry_title") ? "entry_title" : "title", as: String?.self)
        )
    }

    static func upvotes(_ row: PostgresRandomAccessRow) throws -> Int {
        try row.get("imported_upvotes", as: Int.self) + row.get("local_upvotes", as: Int.self)
    }

    static func comments(_ row: PostgresRandomAccessRow) throws -> Int {
        try row.get("imported_comments", as: Int.self) + row.get("local_comments", as: Int.self)
    }

    static func date(_ value: Double?) -> Date? { value.map(Date.init(timeIntervalSince1970:)) }

    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}

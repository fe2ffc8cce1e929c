import Foundation
import GRDB
import PaperboyCore

/// Mapping between `papers` / `daily_entries` rows and core values. JSON columns hold the ordered lists.
enum PaperRow {
    static let upsertSQL = """
        INSERT INTO papers (id, version, title, abstract, authors_json, categories_json, primary_category,
            published_at, updated_at, comment, journal_ref, doi, github_repo, github_stars, project_page,
            ai_summary, ai_keywords_json, author_count, thumbnail, discussion_id, organization_json, imported_upvotes,
            imported_comments, source, source_updated_at, community_updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (id) DO UPDATE SET
            version = excluded.version, title = excluded.title, abstract = excluded.abstract,
            authors_json = excluded.authors_json, categories_json = excluded.categories_json,
            primary_category = excluded.primary_category, published_at = excluded.published_at,
            updated_at = excluded.updated_at, comment = excluded.comment, journal_ref = excluded.journal_ref,
            doi = excluded.doi, github_repo = excluded.github_repo, github_stars = excluded.github_stars,
            project_page = excluded.project_page, ai_summary = excluded.ai_summary,
            ai_keywords_json = excluded.ai_keywords_json, author_count = excluded.author_count,
            thumbnail = excluded.thumbnail,
            discussion_id = excluded.discussion_id, organization_json = excluded.organization_json,
            imported_upvotes = excluded.imported_upvotes, imported_comments = excluded.imported_comments,
            source = excluded.source, source_updated_at = excluded.source_updated_at,
            community_updated_at = excluded.community_updated_at,
            modified_at = ((julianday('now') - 2440587.5) * 86400.0)
        """

    static func arguments(for p: Paper) throws -> StatementArguments {
        let values: [(any DatabaseValueConvertible)?] = [
            p.id.rawValue, p.version, p.title, p.abstract, JSONText.authors(p.authors), JSONText.strings(p.categories),
            p.categories.first, p.publishedAt?.timeIntervalSince1970, p.updatedAt?.timeIntervalSince1970,
            p.comment, p.journalRef, p.doi, p.githubRepo, p.githubStars, p.projectPage, p.aiSummary,
            JSONText.strings(p.aiKeywords), p.authorCount, p.thumbnail, p.discussionID, try p.organization.map(json), p.importedUpvotes,
            p.importedComments, p.source, p.sourceUpdatedAt?.timeIntervalSince1970,
            p.communityUpdatedAt?.timeIntervalSince1970,
        ]
        return StatementArguments(values)
    }

    static func paper(from row: Row) throws -> Paper {
        Paper(
            id: PaperID(unchecked: row["id"]),
            version: row["version"],
            title: row["title"],
            abstract: row["abstract"],
            authors: try JSONText.decodeAuthors(row["authors_json"]),
            categories: try JSONText.decodeStrings(row["categories_json"]),
            publishedAt: date(row["published_at"]),
            updatedAt: date(row["updated_at"]),
            comment: row["comment"],
            journalRef: row["journal_ref"],
            doi: row["doi"],
            githubRepo: row["github_repo"],
            githubStars: row["github_stars"],
            projectPage: row["project_page"],
            aiSummary: row["ai_summary"],
            aiKeywords: try JSONText.decodeStrings(row["ai_keywords_json"]),
            authorCount: row["author_count"],
            thumbnail: row["thumbnail"],
            discussionID: row["discussion_id"],
            organization: try (row["organization_json"] as String?).map { try decode(Organization.self, $0) },
            importedUpvotes: row["imported_upvotes"],
            importedComments: row["imported_comments"],
            source: row["source"],
            sourceUpdatedAt: date(row["source_updated_at"]),
            communityUpdatedAt: date(row["community_updated_at"])
        )
    }

    /// Reads an entry from a `daily_entries` row, or from a feed row where its title is `entry_title`.
    static func entry(from row: Row) throws -> DailyEntry {
        let username: String? = row["submitter_username"]
        return DailyEntry(
            day: try Day(parsing: row["day"]),
            paperID: PaperID(unchecked: row["paper_id"]),
            position: row["position"],
            submitter: username.map { UserRef(username: $0, fullname: row["submitter_fullname"],
                                              avatarURL: row["submitter_avatar"]) },
            submittedAt: date(row["submitted_at"]),
            title: row.hasColumn("entry_title") ? row["entry_title"] : row["title"]
        )
    }

    static func upvotes(_ row: Row) -> Int { (row["imported_upvotes"] as Int) + (row["local_upvotes"] as Int) }
    static func comments(_ row: Row) -> Int { (row["imported_comments"] as Int) + (row["local_comments"] as Int) }

    static func date(_ value: Double?) -> Date? { value.map(Date.init(timeIntervalSince1970:)) }

    static func json<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }

    private static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()
}

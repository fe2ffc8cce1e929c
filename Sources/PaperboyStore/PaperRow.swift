import Foundation
import GRDB
import PaperboyCore

/// Mapping between `papers` / `daily_entries` rows and core values. JSON columns hold the ordered lists.
enum PaperRow {
    static let upsertSQL = """
        INSERT INTO papers (\(StoreSQL.paperColumnList))
        VALUES (\(Array(repeating: "?", count: StoreSQL.paperColumns.count).joined(separator: ", ")))
        ON CONFLICT (id) DO UPDATE SET \(StoreSQL.paperConflictUpdates),
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

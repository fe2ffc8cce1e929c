import Foundation
import PaperboyCore

/// Hugging Face `daily_papers` entries. The field set varies with the API version over time (see
/// shared/data/README.md): every field but `paper.id` and `paper.title` is optional here.
///
/// The featured day is `daily_date` when present (the day HF lists the entry under), else the UTC day of
/// `paper.submittedOnDailyAt`, else of the entry's `publishedAt`. The record's recency (which of two
/// snapshots of a paper wins) is its featured day.
enum HFDailyRecord {
    static func parse(_ object: [String: Any]) throws(PaperboyError) -> ParsedRecord {
        let top = JSONFields(object)
        guard let paperObject = top.object("paper") else { throw .invalid("missing object 'paper'") }
        let fields = JSONFields(paperObject)
        let id = try PaperID(parsing: try fields.requiredString("id"))
        let title = fields.string("title") ?? top.string("title")   // the paper's own (arXiv) title
        guard let title else { throw .invalid("missing field 'paper.title'") }

        let day: Day
        if let raw = top.string("daily_date") {
            day = try Day(parsing: raw)
        } else if let raw = fields.string("submittedOnDailyAt") ?? top.string("publishedAt"), let date = Timestamp.parse(raw) {
            day = Day(secondsSinceEpoch: date.timeIntervalSince1970)
        } else {
            throw .invalid("cannot tell the featured day: no 'daily_date', 'paper.submittedOnDailyAt' or 'publishedAt'")
        }
        let position = try top.int("rank_in_day") ?? 0
        guard position >= 0 else { throw .invalid("field 'rank_in_day' must not be negative") }
        let upvotes = try fields.int("upvotes") ?? 0
        let comments = try top.int("numComments") ?? 0
        guard upvotes >= 0, comments >= 0 else { throw .invalid("negative upvotes or numComments") }

        var authors: [Author] = []
        if let list = paperObject["authors"] as? [Any] {
            for (i, item) in list.enumerated() {
                guard let a = item as? [String: Any], let name = JSONFields(a).string("name") else {
                    throw .invalid("author \(i + 1) has no name")
                }
                let user = (a["user"] as? [String: Any]).flatMap(userRef)
                authors.append(Author(name: name, user: user, status: a["status"] as? String,
                                      hidden: a["hidden"] as? Bool ?? false))
            }
        }
        let orgObject = fields.object("organization") ?? top.object("organization")
        let organization = orgObject.flatMap { o -> Organization? in
            guard let name = o["name"] as? String else { return nil }
            return Organization(name: name, fullname: o["fullname"] as? String, avatarURL: o["avatar"] as? String)
        }
        let dayStart = Date(timeIntervalSince1970: day.secondsSinceEpoch)
        let paper = Paper(
            id: id, title: title, abstract: fields.string("summary") ?? top.string("summary") ?? "",
            authors: authors, publishedAt: fields.string("publishedAt").flatMap(Timestamp.parse),
            githubRepo: fields.string("githubRepo"), githubStars: try fields.int("githubStars"),
            projectPage: fields.string("projectPage"), aiSummary: fields.string("ai_summary"),
            aiKeywords: try fields.strings("ai_keywords"), thumbnail: top.string("thumbnail"),
            discussionID: fields.string("discussionId"), organization: organization,
            importedUpvotes: upvotes, importedComments: comments, source: ImportFormat.hfDaily.rawValue,
            sourceUpdatedAt: dayStart, communityUpdatedAt: dayStart
        )
        let submitter = (top.object("submittedBy") ?? fields.object("submittedOnDailyBy")).flatMap(userRef)
        let submittedAt = (fields.string("submittedOnDailyAt") ?? top.string("publishedAt")).flatMap(Timestamp.parse)
        let listTitle = top.string("title").flatMap { $0 == title ? nil : $0 }
        let entry = DailyEntry(day: day, paperID: id, position: position, submitter: submitter, submittedAt: submittedAt,
                               title: listTitle)
        return ParsedRecord(paper: paper, entry: entry)
    }

    /// HF user objects name the username `user` (author users, `submittedOnDailyBy`) or `name` (`submittedBy`).
    static func userRef(_ o: [String: Any]) -> UserRef? {
        guard let username = (o["user"] as? String) ?? (o["name"] as? String), !username.isEmpty else { return nil }
        return UserRef(username: username, fullname: o["fullname"] as? String, avatarURL: o["avatarUrl"] as? String)
    }
}

import Foundation
import PaperboyCore

/// The seed list (`title, abstract, authors_count, date, upvotes, github_urls, date_raw`), transcribed from a
/// Hugging Face Papers page. No arXiv ids: each paper gets ``PaperID/local(title:)``. Each is featured on its
/// `date`, in file order, so the seed shows on the daily pages like the page it came from.
enum SeedRecord {
    static func parse(_ object: [String: Any]) throws(PaperboyError) -> ParsedRecord {
        let fields = JSONFields(object)
        let title = try fields.requiredString("title")
        let day = try Day(parsing: try fields.requiredString("date"))
        let upvotes = try fields.int("upvotes") ?? 0
        let count = try fields.int("authors_count")
        guard upvotes >= 0, (count ?? 0) >= 0 else { throw .invalid("negative upvotes or authors_count") }
        let github = try fields.strings("github_urls").first
        let id = PaperID.local(title: title)
        let paper = Paper(
            id: id, title: title, abstract: fields.string("abstract") ?? "",
            publishedAt: Date(timeIntervalSince1970: day.secondsSinceEpoch), githubRepo: github,
            authorCount: count, importedUpvotes: upvotes, source: ImportFormat.seed.rawValue,
            communityUpdatedAt: Date(timeIntervalSince1970: day.secondsSinceEpoch)
        )
        return ParsedRecord(paper: paper, entry: DailyEntry(day: day, paperID: id, position: 0))
    }
}

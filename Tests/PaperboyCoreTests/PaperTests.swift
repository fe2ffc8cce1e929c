import Foundation
import Testing
@testable import PaperboyCore

@Suite("Paper merging, trending and feed order")
struct PaperTests {
    let id = PaperID(unchecked: "2405.15738")

    @Test func mergeKeepsWhatTheIncomingRecordLacks() {
        let hf = Paper(id: id, title: "T", abstract: "A", aiSummary: "summary", importedUpvotes: 10,
                       source: "hf-daily", sourceUpdatedAt: Date(timeIntervalSince1970: 100),
                       communityUpdatedAt: Date(timeIntervalSince1970: 100))
        let listing = Paper(id: id, title: "T", abstract: "A", categories: ["cs.CL"], comment: "10 pages",
                            source: "arxiv-listing", sourceUpdatedAt: Date(timeIntervalSince1970: 50))
        let merged = hf.merged(with: listing)
        #expect(merged.aiSummary == "summary")
        #expect(merged.categories == ["cs.CL"])
        #expect(merged.comment == "10 pages")
        #expect(merged.importedUpvotes == 10)
        #expect(merged.source == "arxiv-listing")
        // Idempotent, and the lower-ranked source cannot take the bibliography back.
        #expect(merged.merged(with: listing) == merged)
        var retitled = hf
        retitled.title = "T (HF spelling)"
        #expect(merged.merged(with: retitled).title == "T")
    }

    @Test func claimsSurviveAReplacedAuthorList() {
        let claimed = Author(name: "Tri Dao", user: UserRef(username: "tridao"), status: "claimed_verified")
        let hf = Paper(id: id, title: "T", authors: [claimed, Author(name: "B")], source: "hf-daily")
        let arxiv = Paper(id: id, title: "T", authors: [Author(name: "Tri  Dao"), Author(name: "B"), Author(name: "C")],
                          source: "arxiv-api")
        let merged = hf.merged(with: arxiv)
        #expect(merged.authors.count == 3)
        #expect(merged.authors[0].user?.username == "tridao")
        #expect(merged.authors[0].name == "Tri  Dao")
    }

    @Test func claimsAreNotCopiedToNamesakes() {
        let claimed = Author(name: "Liang Wang", user: UserRef(username: "lw"), status: "claimed_verified")
        let record = Paper(id: id, title: "T", authors: [claimed, Author(name: "Yu Rong"), Author(name: "Liang Wang")],
                           source: "hf-daily")
        let merged = record.merged(with: record)
        #expect(merged == record)
        #expect(merged.authors[2].user == nil)
    }

    @Test func olderSnapshotFromSameSourceChangesNothing() {
        let newer = Paper(id: id, title: "T", importedUpvotes: 30, source: "hf-daily",
                          sourceUpdatedAt: Date(timeIntervalSince1970: 200), communityUpdatedAt: Date(timeIntervalSince1970: 200))
        var older = newer
        older.importedUpvotes = 5
        older.title = "Old title"
        older.sourceUpdatedAt = Date(timeIntervalSince1970: 100)
        older.communityUpdatedAt = Date(timeIntervalSince1970: 100)
        #expect(newer.merged(with: older) == newer)
        var newest = newer
        newest.importedUpvotes = 42
        newest.sourceUpdatedAt = Date(timeIntervalSince1970: 300)
        newest.communityUpdatedAt = Date(timeIntervalSince1970: 300)
        #expect(newer.merged(with: newest).importedUpvotes == 42)
        #expect(newer.merged(with: newer) == newer)
    }

    @Test func trendingFavoursRecentVotes() {
        let now = Date(timeIntervalSince1970: 1_000_000)
        let fresh = Trending.score(upvotes: 10, featuredAt: now.addingTimeInterval(-3600), now: now)
        let old = Trending.score(upvotes: 10, featuredAt: now.addingTimeInterval(-72 * 3600), now: now)
        let oldPopular = Trending.score(upvotes: 100, featuredAt: now.addingTimeInterval(-72 * 3600), now: now)
        #expect(fresh > old)
        #expect(oldPopular > old)
        // (10 + 1) / (1 + 2)^1.5
        #expect(abs(fresh - 11 / pow(3, 1.5)) < 1e-12)
        // Future entries do not get negative ages.
        #expect(Trending.score(upvotes: 0, featuredAt: now.addingTimeInterval(3600), now: now) == 1 / pow(2, 1.5))
    }

    @Test func snapshotDatabasesTrendAtTheirNewestDay() throws {
        let clock = Date(timeIntervalSince1970: try Day(parsing: "2026-11-29").secondsSinceEpoch)
        let newest = try Day(parsing: "2026-08-21")
        let now = Trending.referenceNow(clock: clock, newestDay: newest)
        #expect(now.timeIntervalSince1970 == newest.advanced(by: 1).secondsSinceEpoch)
        let recent = try Day(parsing: "2026-11-28")
        #expect(Trending.referenceNow(clock: clock, newestDay: recent) == clock)
        #expect(Trending.candidateDays(now: now).contains(newest))
    }

    @Test func feedOrdersAreTotalAndDeterministic() throws {
        let day = try Day(parsing: "2025-06-03")
        func item(_ id: String, votes: Int, position: Int, day: Day) -> FeedItem {
            let p = Paper(id: PaperID(unchecked: id), title: id, source: "t")
            return FeedItem(paper: p, entry: DailyEntry(day: day, paperID: p.id, position: position), upvotes: votes, comments: 0)
        }
        let items = [item("a", votes: 5, position: 2, day: day), item("b", votes: 9, position: 1, day: day),
                     item("c", votes: 5, position: 0, day: day), item("d", votes: 1, position: 0, day: day.advanced(by: 1))]
        let now = Date(timeIntervalSince1970: day.advanced(by: 2).secondsSinceEpoch)
        #expect(FeedSort.order(items, by: .upvotes, now: now).map(\.paper.id.rawValue) == ["b", "c", "a", "d"])
        #expect(FeedSort.order(items, by: .publishedAt, now: now).map(\.paper.id.rawValue) == ["d", "c", "b", "a"])
        #expect(FeedSort.order(items.reversed(), by: .trending, now: now).map(\.paper.id.rawValue)
                == FeedSort.order(items, by: .trending, now: now).map(\.paper.id.rawValue))
    }

    @Test func authorNamesNormalise() {
        #expect(Author.normalise("  Tri   Dao ") == "tri dao")
        #expect(Author.normalise("José-María Ñúñez") == "jose maria nunez")
    }
}

import Foundation
import PaperboyCore
import PaperboyStore
import PostgresNIO

/// Runs a ``FeedQuery`` in SQL, like `SQLiteFeedQuery`: upvote and date orders page in SQL; trending loads the
/// candidate window and orders it with ``FeedSort/order(_:by:now:)`` so every store ranks identically.
struct PostgresFeedQuery {
    let query: FeedQuery

    init(_ query: FeedQuery) { self.query = query }

    func run(_ s: PostgresSession) async throws -> FeedPage {
        var conditions: [String] = []
        var binds = PostgresBindings()
        if let days = query.days {
            binds.append(days.lowerBound.description)
            binds.append(days.upperBound.description)
            conditions.append("e.day BETWEEN $\(binds.count - 1) AND $\(binds.count)")
        }
        if let submitter = query.submitter {
            binds.append(submitter)
            conditions.append("e.submitter_username = $\(binds.count)")
        }
        if let organization = query.organization {
            binds.append(organization)
            conditions.append("\(PostgresPaperStore.organizationNameSQL("p.")) = $\(binds.count)")
        }
        if let ids = query.paperIDs {
            binds.append(ids.map(\.rawValue))
            conditions.append("e.paper_id = ANY($\(binds.count))")
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let joinPapers = query.organization != nil ? "JOIN papers p ON p.id = e.paper_id" : ""
        let total = try await s.value(Int.self, PostgresQuery(
            unsafeSQL: "SELECT count(*) FROM daily_entries e \(joinPapers) \(whereClause)", binds: binds)) ?? 0
        let select = StoreSQL.feedSelect(whereClause)
        switch query.sort {
        case .trending:
            let rows = try await s.rows(PostgresQuery(unsafeSQL: select, binds: binds))
            let ordered = FeedSort.order(try rows.map(item(from:)), by: .trending, now: query.now)
            return FeedPage(items: Array(ordered.dropFirst(query.offset).prefix(query.limit)), total: total)
        case .upvotes, .publishedAt:
            let order = StoreSQL.feedOrder(query.sort)
            var paged = binds
            paged.append(max(0, query.limit))
            paged.append(max(0, query.offset))
            let rows = try await s.rows(PostgresQuery(
                unsafeSQL: "\(select) ORDER BY \(order) LIMIT $\(paged.count - 1) OFFSET $\(paged.count)", binds: paged))
            return FeedPage(items: try rows.map(item(from:)), total: total)
        }
    }

    private func item(from row: PostgresRandomAccessRow) throws -> FeedItem {
        FeedItem(paper: try PostgresPaperRow.paper(from: row), entry: try PostgresPaperRow.entry(from: row),
                 upvotes: try PostgresPaperRow.upvotes(row), comments: try PostgresPaperRow.comments(row))
    }
}

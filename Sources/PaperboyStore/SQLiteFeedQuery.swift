import Foundation
import GRDB
import PaperboyCore

/// Runs a ``FeedQuery`` in SQL. Upvote and date orders page in SQL; trending loads the (small) candidate
/// window and orders it with ``FeedSort/order(_:by:now:)`` so both stores rank identically.
struct SQLiteFeedQuery {
    let query: FeedQuery

    init(_ query: FeedQuery) { self.query = query }

    func run(_ db: Database) throws -> FeedPage {
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        if let days = query.days {
            conditions.append("e.day BETWEEN ? AND ?")
            arguments += [days.lowerBound.description, days.upperBound.description]
        }
        if let submitter = query.submitter {
            conditions.append("e.submitter_username = ?")
            arguments.append(submitter)
        }
        if let organization = query.organization {
            conditions.append("\(SQLitePaperStore.organizationNameSQL("p.")) = ?")
            arguments.append(organization)
        }
        if let ids = query.paperIDs {
            // One JSON array argument, however many papers match (no bound-variable limit).
            conditions.append("e.paper_id IN (SELECT value FROM json_each(?))")
            arguments.append(String(decoding: try JSONEncoder().encode(ids.map(\.rawValue)), as: UTF8.self))
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let joinPapers = query.organization != nil ? "JOIN papers p ON p.id = e.paper_id" : ""
        let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM daily_entries e \(joinPapers) \(whereClause)",
                                     arguments: StatementArguments(arguments)) ?? 0
        let select = StoreSQL.feedSelect(whereClause)
        switch query.sort {
        case .trending:
            let rows = try Row.fetchAll(db, sql: select, arguments: StatementArguments(arguments))
            let ordered = FeedSort.order(try rows.map(item(from:)), by: .trending, now: query.now)
            return FeedPage(items: Array(ordered.dropFirst(query.offset).prefix(query.limit)), total: total)
        case .upvotes, .publishedAt:
            let order = StoreSQL.feedOrder(query.sort)
            let rows = try Row.fetchAll(db, sql: "\(select) ORDER BY \(order) LIMIT ? OFFSET ?",
                                        arguments: StatementArguments(arguments + [query.limit, query.offset]))
            return FeedPage(items: try rows.map(item(from:)), total: total)
        }
    }

    private func item(from row: Row) throws -> FeedItem {
        FeedItem(paper: try PaperRow.paper(from: row), entry: try PaperRow.entry(from: row),
                 upvotes: PaperRow.upvotes(row), comments: PaperRow.comments(row))
    }
}

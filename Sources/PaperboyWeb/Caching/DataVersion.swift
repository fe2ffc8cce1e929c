import Foundation
import PaperboyCatalog
import PaperboyStore

/// The version of everything a cached page or answer is made from, read on every request:
///
/// - the store's change-feed head: every write a page shows (a paper, a vote, a comment and its edit or hiding,
///   a daily entry, an approved author claim) moves it in the writing transaction, and it lives in the database,
///   so a write through *any* instance changes the version every instance reads;
/// - how far this instance's search index has followed the feed, and how many vectors the semantic index has
///   (search results change when the index catches up, not when the row commits);
/// - the current minute (trending decays with time, and "today" moves with the clock).
///
/// Reading it costs one indexed `SELECT` on the store; that is the price of never serving a stale page.
struct DataVersion: Sendable {
    let papers: any PaperStore
    let catalog: SearchCatalog?
    let clock: @Sendable () -> Date

    func current() async throws -> String {
        let head = try await papers.feedHead()?.position ?? 0
        let indexed = catalog?.indexedCursor?.position ?? 0
        let vectors = catalog?.semantic?.count ?? 0
        let minute = Int(clock().timeIntervalSince1970 / 60)
        return "h\(head).i\(indexed).v\(vectors).m\(minute)"
    }
}

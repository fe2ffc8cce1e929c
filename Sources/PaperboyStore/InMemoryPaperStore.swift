import Foundation
import PaperboyCore

/// A ``PaperStore`` held in memory, for fast tests. Same merge and ordering rules as the SQLite store
/// (both use ``Paper/merged(with:)`` and ``FeedSort/order(_:by:now:)``).
public actor InMemoryPaperStore: PaperStore {
    private var papers: [PaperID: Paper] = [:]
    private var entries: [EntryKey: DailyEntry] = [:]
    /// Change sequence numbers stand in for modification times.
    private var modified: [PaperID: Double] = [:]
    private var clock: Double = 0
    /// Merged-away local ids → their survivor (``DuplicateMerge``).
    private var aliases: [PaperID: PaperID] = [:]

    struct EntryKey: Hashable {
        var day: Day
        var paperID: PaperID
    }

    public init() {}

    public func apply(_ batch: ImportBatch) throws -> ImportCounts {
        var counts = ImportCounts()
        var staged = papers
        let plan = duplicatePlan(for: batch)
        for paper in plan.papers {
            if let old = staged[paper.id] {
                let merged = old.merged(with: paper)
                if merged == old { counts.papersUnchanged += 1 } else { counts.papersUpdated += 1 }
                staged[paper.id] = merged
            } else {
                staged[paper.id] = paper
                counts.papersInserted += 1
            }
        }
        var stagedEntries = entries
        for item in plan.absorbed {
            staged[item.local] = nil
            for (key, entry) in stagedEntries where key.paperID == item.local {
                stagedEntries[key] = nil
                var moved = entry
                moved.paperID = item.survivor
                let target = EntryKey(day: key.day, paperID: item.survivor)
                if stagedEntries[target] == nil { stagedEntries[target] = moved }
            }
        }
        for item in plan.aliases { aliases[item.local] = item.survivor }
        for (entry, renamed) in plan.entries {
            if renamed, stagedEntries[EntryKey(day: entry.day, paperID: entry.paperID)] != nil {
                counts.entriesUnchanged += 1
                continue
            }
            guard staged[entry.paperID] != nil else {
                throw PaperboyError(.invalidInput, "Entry for \(entry.day) names unknown paper \(entry.paperID).")
            }
            let key = EntryKey(day: entry.day, paperID: entry.paperID)
            if let old = stagedEntries[key] {
                if old == entry { counts.entriesUnchanged += 1 } else { counts.entriesUpdated += 1 }
            } else {
                counts.entriesInserted += 1
            }
            stagedEntries[key] = entry
        }
        for (id, paper) in staged where papers[id] != paper {
            clock += 1
            modified[id] = clock
        }
        for item in plan.absorbed where papers[item.local] != nil {
            clock += 1
            modified[item.local] = clock
        }
        papers = staged
        entries = stagedEntries
        return counts
    }

    /// What ``DuplicateMerge`` needs, read from the dictionaries.
    private func duplicatePlan(for batch: ImportBatch) -> DuplicateMerge.Plan {
        var stored = DuplicateMerge.Stored()
        for id in DuplicateMerge.localIDsToRead(for: batch.papers) {
            stored.locals[id] = papers[id]
            stored.aliases[id] = aliases[id]
        }
        let incoming = DuplicateMerge.incomingLocalIDs(of: batch.papers)
        if !incoming.isEmpty {
            for paper in papers.values where !paper.id.isLocal {
                if let key = DuplicateRule.key(ofTitle: paper.title), incoming.contains(key), stored.aliases[key] == nil {
                    stored.candidates[key, default: []].append(paper)
                }
            }
        }
        return DuplicateMerge.plan(batch, stored: stored)
    }

    public func survivor(of id: PaperID) -> PaperID? { aliases[id].flatMap { papers[$0] == nil ? nil : $0 } }

    public func paper(_ id: PaperID) -> PaperDetail? {
        guard let paper = papers[id] else { return nil }
        let featured = entries.values.filter { $0.paperID == id }.sorted { $0.day > $1.day }
        return PaperDetail(paper: paper, upvotes: paper.importedUpvotes, comments: paper.importedComments,
                           entries: featured)
    }

    public func feed(_ query: FeedQuery) -> FeedPage {
        let matching = entries.values.filter { entry in
            if let days = query.days, !days.contains(entry.day) { return false }
            if let submitter = query.submitter, entry.submitter?.username != submitter { return false }
            if let ids = query.paperIDs, !ids.contains(entry.paperID) { return false }
            if let organization = query.organization, papers[entry.paperID]?.organization?.name != organization {
                return false
            }
            return true
        }
        let items = matching.compactMap { entry -> FeedItem? in
            guard let paper = papers[entry.paperID] else { return nil }
            return FeedItem(paper: paper, entry: entry, upvotes: paper.importedUpvotes,
                            comments: paper.importedComments)
        }
        let ordered = FeedSort.order(items, by: query.sort, now: query.now)
        let page = ordered.dropFirst(query.offset).prefix(query.limit)
        return FeedPage(items: Array(page), total: items.count)
    }

    public func dayBounds() -> ClosedRange<Day>? {
        let days = entries.keys.map(\.day)
        guard let first = days.min(), let last = days.max() else { return nil }
        return first...last
    }

    public func neighbours(of day: Day) -> (previous: Day?, next: Day?) {
        let days = Set(entries.keys.map(\.day))
        return (days.filter { $0 < day }.max(), days.filter { $0 > day }.min())
    }

    public func stats() -> StoreStats {
        let bounds = dayBounds()
        return StoreStats(papers: papers.count, dailyEntries: entries.count,
                          days: Set(entries.keys.map(\.day)).count,
                          firstDay: bounds?.lowerBound, lastDay: bounds?.upperBound)
    }

    public func details(_ ids: [PaperID]) -> [PaperDetail] {
        ids.compactMap { paper($0) }
    }

    public func changes(after cursor: ChangeCursor?, limit: Int) -> [ChangeRecord] {
        let records = modified.map { id, time in (id, ChangeCursor(position: Int64(time))) }
            .filter { cursor == nil || $0.1 > cursor! }.sorted { $0.1 < $1.1 }.prefix(limit)
        return records.map { id, c in
            guard let paper = papers[id] else {
                return ChangeRecord(id: id, paper: nil, upvotes: 0, firstFeatured: nil, cursor: c)
            }
            let first = entries.values.filter { $0.paperID == id }.map(\.day).min()
            return ChangeRecord(id: id, paper: paper, upvotes: paper.importedUpvotes, firstFeatured: first, cursor: c)
        }
    }

    public func feedHead() -> ChangeCursor? {
        clock > 0 ? ChangeCursor(position: Int64(clock)) : nil
    }

    public func remove(_ ids: [PaperID]) -> Int {
        var removed = 0
        for id in ids where papers.removeValue(forKey: id) != nil {
            removed += 1
            entries = entries.filter { $0.key.paperID != id }
            clock += 1
            modified[id] = clock
        }
        return removed
    }

    public func feature(_ paperID: PaperID, on day: Day, by submitter: UserRef?, at: Date, storing new: [Paper]) throws
        -> DailyEntry? {
        if !new.isEmpty { _ = try apply(ImportBatch(papers: new)) }
        guard papers[paperID] != nil else { throw PaperboyError.notFound("Paper \(paperID) is not on this site.") }
        let key = EntryKey(day: day, paperID: paperID)
        guard entries[key] == nil else { return nil }
        let position = entries.values.filter { $0.day == day }.map(\.position).max().map { $0 + 1 } ?? 0
        let entry = DailyEntry(day: day, paperID: paperID, position: position, submitter: submitter, submittedAt: at)
        entries[key] = entry
        clock += 1
        modified[paperID] = clock
        return entry
    }

    public func papers(after afterID: PaperID?, limit: Int) -> [Paper] {
        let sorted = papers.keys.sorted().filter { afterID == nil || $0 > afterID! }
        return sorted.prefix(limit).compactMap { papers[$0] }
    }

    public func organization(named name: String) -> Organization? {
        latestFirst(papers.values.filter { $0.organization?.name == name }).first?.organization
    }

    public func latestPapers(after cursor: CatalogCursor?, limit: Int) -> [PaperDetail] {
        let candidates = cursor.map { c in papers.values.filter(c.precedes) } ?? Array(papers.values)
        return latestFirst(candidates).prefix(max(0, limit)).compactMap { paper($0.id) }
    }

    /// Catalog order: newest `publishedAt` first (papers without one last), then id descending.
    private func latestFirst(_ list: [Paper]) -> [Paper] {
        list.sorted { a, b in
            switch (a.publishedAt, b.publishedAt) {
            case let (x?, y?) where x != y: return x > y
            case (_?, nil): return true
            case (nil, _?): return false
            default: return a.id > b.id
            }
        }
    }
}

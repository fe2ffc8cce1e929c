import PaperboyCore

/// Receives every accepted match: counts it, keeps the best by the requested order, and counts facets.
struct Collector {
    var topK: TopK<RankedOrder>
    let sort: ParsedQuery.Sort
    let countsFacets: Bool
    var total = 0
    /// Per segment (by index in the snapshot) counts by primary category ordinal.
    var categoryCounts: [[Int]] = []
    /// Counts by year for years `firstYear ..< firstYear + yearCounts.count`; others in `otherYears`.
    var yearCounts = [Int](repeating: 0, count: 256)
    var otherYears: [Int: Int] = [:]
    static let firstYear = 1900

    init(capacity: Int, sort: ParsedQuery.Sort, facets: Bool) {
        topK = TopK(capacity: capacity)
        self.sort = sort
        countsFacets = facets
    }

    /// Starts a segment (call before its matches).
    mutating func beginSegment(_ view: SegmentView) {
        if countsFacets {
            categoryCounts.append([Int](repeating: 0, count: view.segment.categoryNames.count))
        }
    }

    /// Primary key threshold for relevance order (scores must exceed it to enter).
    var threshold: Double { topK.threshold }

    @inline(__always)
    mutating func collect(_ view: SegmentView, _ doc: Int, _ score: Float) {
        total += 1
        let segment = view.segment
        if countsFacets {
            let primary = segment.primaryCategory(doc)
            if primary >= 0 { categoryCounts[categoryCounts.count - 1][primary] += 1 }
            let year = segment.day(doc) / 10000
            let slot = year - Self.firstYear
            if slot >= 0 && slot < yearCounts.count {
                yearCounts[slot] += 1
            } else if year > 0 {
                otherYears[year, default: 0] += 1
            }
        }
        switch sort {
        case .relevance:
            if Double(score) > topK.threshold || !topK.isFull {
                topK.insert(.init(primary: Double(score), secondary: 0, doc: view.docBase + doc))
            }
        case .date:
            topK.insert(.init(primary: Double(segment.day(doc)), secondary: score, doc: view.docBase + doc))
        case .upvotes:
            topK.insert(.init(primary: Double(segment.upvotes(doc)), secondary: score, doc: view.docBase + doc))
        }
    }

    func facetResult(views: [SegmentView]) -> SearchFacets {
        var byName: [String: Int] = [:]
        for (i, counts) in categoryCounts.enumerated() where i < views.count {
            let names = views[i].segment.categoryNames
            for (o, c) in counts.enumerated() where c > 0 { byName[names[o], default: 0] += c }
        }
        let categories = byName.map { FacetCount(value: $0.key, count: $0.value) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.value < $1.value }
        var byYear = otherYears
        for (slot, c) in yearCounts.enumerated() where c > 0 { byYear[Self.firstYear + slot] = c }
        let years = byYear.sorted { $0.key > $1.key }.map { FacetCount(value: String($0.key), count: $0.value) }
        return SearchFacets(categories: categories, years: years)
    }
}

/// An immutable, point-in-time view of the index: segments with their deletions. Searching a snapshot never
/// blocks writers and is safe from any number of tasks at once (`Sendable`); `SearchIndex` publishes a new
/// snapshot at every commit.
public struct IndexSnapshot: Sendable {
    let views: [SegmentView]
    public let parameters: BM25Parameters
    let analyzer: Analyzer
    /// Docs in all segments, deleted ones included (N in idf).
    let maxDoc: Int
    /// Average field lengths [title, abstract, authors] over all segments.
    let averages: [Float]

    init(segments: [(Segment, DeletionSet, String)], parameters: BM25Parameters, analyzer: Analyzer) {
        self.parameters = parameters
        self.analyzer = analyzer
        let maxDoc = segments.reduce(0) { $0 + $1.0.docCount }
        self.maxDoc = maxDoc
        let averages = (0..<3).map { f -> Float in
            let sum = segments.reduce(UInt64(0)) { $0 + $1.0.sumLength[f] }
            return maxDoc > 0 ? Float(Double(sum) / Double(maxDoc)) : 0
        }
        self.averages = averages
        var base = 0
        var views: [SegmentView] = []
        for (segment, deletions, name) in segments {
            views.append(SegmentView(segment: segment, deletions: deletions, docBase: base, name: name,
                                     parameters: parameters, averages: averages))
            base += segment.docCount
        }
        self.views = views
    }

    /// Live (not deleted) documents.
    public var documentCount: Int { views.reduce(0) { $0 + $1.liveCount } }

    /// Number of segments.
    public var segmentCount: Int { views.count }

    /// Bytes of segment data (files or buffers).
    public var byteCount: Int { views.reduce(0) { $0 + $1.segment.byteCount } }

    /// idf of a term key over the snapshot (0 when absent).
    func idf(_ key: String) -> Float {
        var df = 0
        for v in views {
            if let o = v.segment.lookup(key) { df += v.segment.termInfo(o).docFreq }
        }
        return df == 0 ? 0 : BM25Parameters.idf(docFreq: df, docCount: maxDoc)
    }

    /// Parses `query` with `QueryParser()` and searches.
    public func search(_ query: String, limit: Int = 10, offset: Int = 0, facets: Bool = false) throws(SearchError)
        -> SearchResults
    {
        let parsed = try QueryParser().parse(query)
        return search(SearchRequest(query: parsed, limit: limit, offset: offset, facets: facets))
    }

    /// Runs `request`.
    public func search(_ request: SearchRequest) -> SearchResults {
        let query = request.query
        let limit = min(max(request.limit, 0), 1000)
        let offset = min(max(request.offset, 0), 10_000)
        guard !query.isEmpty else {
            return SearchResults(total: 0, totalIsExact: true, hits: [], facets: request.facets ? SearchFacets(categories: [], years: []) : nil, warnings: query.warnings)
        }
        let plan = QueryPlan(query: query, snapshot: self)
        var sort = query.sort
        if sort == .relevance && query.isFilterOnly { sort = .date }
        var collector = Collector(capacity: limit + offset, sort: sort, facets: request.facets)
        let pruned = !request.exactTotal && !request.facets && sort == .relevance && plan.required.isEmpty
            && !plan.should.isEmpty
        for view in views {
            if pruned {
                runMaxScore(plan, view, &collector)
            } else {
                runExhaustive(plan, view, query.isFilterOnly, &collector)
            }
        }
        let entries = collector.topK.sorted().dropFirst(offset)
        let hits = entries.map { e -> SearchHit in
            let (view, local) = locate(e.doc)
            let score = sort == .relevance ? Float(e.primary) : e.secondary
            return SearchHit(id: view.segment.id(local), score: score)
        }
        return SearchResults(
            total: collector.total, totalIsExact: !pruned, hits: Array(hits),
            facets: request.facets ? collector.facetResult(views: views) : nil, warnings: query.warnings)
    }

    /// Segment view and local doc for a global doc number.
    func locate(_ doc: Int) -> (SegmentView, Int) {
        var lo = 0
        var hi = views.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if views[mid].docBase <= doc { lo = mid } else { hi = mid - 1 }
        }
        return (views[lo], doc - views[lo].docBase)
    }

    /// Makes a cursor for `term` in `view`, or nil when the segment lacks it.
    func cursor(_ term: QueryPlan.Term, _ view: SegmentView) -> PostingCursor? {
        guard let o = view.segment.lookup(term.key) else { return nil }
        let norms = view.norms.fields
        return PostingCursor(
            segment: view.segment, info: view.segment.termInfo(o), weight: term.weight, k1: parameters.k1,
            blockScale: view.blockScale, norm0: UnsafePointer(norms[0]),
            norm1: UnsafePointer(term.isAuthor ? norms[2] : norms[1]))
    }
}

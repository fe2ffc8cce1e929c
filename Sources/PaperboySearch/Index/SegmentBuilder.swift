/// The in-memory buffer segment: inverts documents as they are added and freezes into `SegmentParts`.
///
/// Positions: title tokens start at 0, abstract tokens at (title positions + `fieldGap`), so phrases never span
/// fields. Author names are analysed without stemming or stop words, each name `fieldGap` positions apart.
struct SegmentBuilder {
    /// Position gap between title and abstract, and between two authors.
    static let fieldGap = 100

    let analyzer: Analyzer
    let authorAnalyzer: Analyzer
    let parameters: BM25Parameters

    private(set) var docCount = 0
    private var cache = TermCache()
    private var authorCache = TermCache()
    private var termIDs: [String: Int32] = [:]
    private var terms: [String] = []
    private var postings: [TermPostings] = []
    private var parts = SegmentParts()
    private var categoryOrdinals: [String: UInt32] = [:]
    /// Scratch: (term id << 32 | position) of the current document's tokens; slot from `abstractStart`.
    private var scratch: [UInt64] = []

    struct TermPostings {
        var docs: [UInt32] = []
        var tf0: [UInt32] = []
        var tf1: [UInt32] = []
        var positions: [UInt32] = []
    }

    init(analyzer: Analyzer = Analyzer(), parameters: BM25Parameters) {
        self.analyzer = analyzer
        self.authorAnalyzer = Analyzer.names
        self.parameters = parameters
    }

    var isEmpty: Bool { docCount == 0 }

    /// Adds `document`; returns its local doc number.
    @discardableResult
    mutating func add(_ document: SearchDocument) -> Int {
        let doc = UInt32(docCount)
        var textCache = TermCache()
        swap(&textCache, &cache)
        var nameCache = TermCache()
        swap(&nameCache, &authorCache)
        defer {
            swap(&textCache, &cache)
            swap(&nameCache, &authorCache)
        }
        var collected: [(term: String, position: Int, isJoin: Bool)] = []
        let titleEnd = analyzer.forEachToken(in: document.title, cache: &textCache) { term, position, _, isJoin in
            collected.append((term, position, isJoin))
        }
        let abstractStart = titleEnd + Self.fieldGap
        analyzer.forEachToken(in: document.abstract, startPosition: abstractStart, cache: &textCache) {
            term, position, _, isJoin in
            collected.append((term, position, isJoin))
        }
        var titleLength: UInt32 = 0
        var abstractLength: UInt32 = 0
        scratch.removeAll(keepingCapacity: true)
        for token in collected {
            scratch.append(UInt64(UInt32(bitPattern: termID(token.term))) << 32 | UInt64(token.position))
            if !token.isJoin {
                if token.position < abstractStart { titleLength += 1 } else { abstractLength += 1 }
            }
        }
        invertScratch(doc: doc) { $0 < UInt64(abstractStart) }
        collected.removeAll(keepingCapacity: true)
        var authorLength: UInt32 = 0
        var position = 0
        for name in document.authors {
            let end = authorAnalyzer.forEachToken(in: name, startPosition: position, cache: &nameCache) {
                term, p, _, isJoin in
                collected.append((FieldPrefix.authorTerm(term), p, isJoin))
            }
            position = end + Self.fieldGap
        }
        scratch.removeAll(keepingCapacity: true)
        for token in collected {
            scratch.append(UInt64(UInt32(bitPattern: termID(token.term))) << 32 | UInt64(token.position))
            if !token.isJoin { authorLength += 1 }
        }
        invertScratch(doc: doc) { _ in false }
        parts.lengths[0].append(titleLength)
        parts.lengths[1].append(abstractLength)
        parts.lengths[2].append(authorLength)
        parts.sumLength[0] += UInt64(titleLength)
        parts.sumLength[1] += UInt64(abstractLength)
        parts.sumLength[2] += UInt64(authorLength)
        parts.days.append(Int32(clamping: document.day))
        parts.upvotes.append(Int32(clamping: document.upvotes))
        var primary: Int32 = -1
        for (i, name) in document.categories.enumerated() {
            let ordinal = categoryOrdinal(name)
            if i == 0 { primary = Int32(ordinal) }
            parts.categoryList.append(ordinal)
        }
        parts.primaryCategory.append(primary)
        parts.categoryOffsets.append(UInt32(parts.categoryList.count))
        parts.ids.append(document.id)
        docCount += 1
        return Int(doc)
    }

    private mutating func termID(_ term: String) -> Int32 {
        if let id = termIDs[term] { return id }
        let id = Int32(terms.count)
        termIDs[term] = id
        terms.append(term)
        postings.append(TermPostings())
        return id
    }

    private mutating func categoryOrdinal(_ name: String) -> UInt32 {
        if let o = categoryOrdinals[name] { return o }
        let o = UInt32(parts.categoryNames.count)
        categoryOrdinals[name] = o
        parts.categoryNames.append(name)
        return o
    }

    /// Groups `scratch` by term and appends one posting per term; `isSlot0(position)` splits the frequencies.
    private mutating func invertScratch(doc: UInt32, isSlot0: (UInt64) -> Bool) {
        guard !scratch.isEmpty else { return }
        scratch.sort()
        var i = 0
        while i < scratch.count {
            let id = Int(scratch[i] >> 32)
            var j = i
            var a: UInt32 = 0
            var c: UInt32 = 0
            var lastPosition: UInt32 = .max
            while j < scratch.count && Int(scratch[j] >> 32) == id {
                let position = UInt32(truncatingIfNeeded: scratch[j])
                if position != lastPosition {  // a joined compound can repeat a position
                    if isSlot0(UInt64(position)) { a += 1 } else { c += 1 }
                    postings[id].positions.append(position)
                    lastPosition = position
                }
                j += 1
            }
            postings[id].docs.append(doc)
            postings[id].tf0.append(a)
            postings[id].tf1.append(c)
            i = j
        }
    }

    /// Encodes the buffer as segment parts (terms sorted by UTF-8 bytes).
    func freeze() -> SegmentParts {
        var out = parts
        out.docCount = docCount
        let averages = (0..<3).map { docCount > 0 ? Float(Double(parts.sumLength[$0]) / Double(docCount)) : 0 }
        out.blockMaxAverage = averages
        let norms = (0..<3).map { field in
            parts.lengths[field].map { parameters.norm(field: field, length: Int($0), average: averages[field]) }
        }
        let order = terms.indices.sorted { terms[$0].utf8.lexicographicallyPrecedes(terms[$1].utf8) }
        var encoder = PostingsEncoder(norms: norms, parts: out)
        for id in order {
            let p = postings[id]
            var start = 0
            p.positions.withUnsafeBufferPointer { all in
                for k in p.docs.indices {
                    let n = Int(p.tf0[k] + p.tf1[k])
                    encoder.add(
                        doc: p.docs[k], tf0: p.tf0[k], tf1: p.tf1[k],
                        positions: UnsafeBufferPointer(rebasing: all[start..<(start + n)]))
                    start += n
                }
            }
            encoder.finishTerm(terms[id])
        }
        return encoder.parts
    }
}

/// The in-memory buffer segment: inverts documents as they are added and freezes into `SegmentParts`.
///
/// Positions: title tokens start at 0, abstract tokens at (title positions + `fieldGap`), so phrases never span
/// fields. Author names are analysed without stemming or stop words, each name `fieldGap` positions apart.
struct SegmentBuilder {
    /// Position gap between title and abstract, and between two authors.
    static let fieldGap = 100

    let analyzer: Analyzer
    let parameters: BM25Parameters

    private(set) var docCount = 0
    private var text: IDTermResolver
    private var names: IDTermResolver
    private var textPostings: [TermPostings] = []
    private var authorPostings: [TermPostings] = []
    private var parts = SegmentParts()
    private var categoryOrdinals: [String: UInt32] = [:]
    /// Scratch: (term id << 32 | position) of the current document's tokens.
    private var scratch: [UInt64] = []

    struct TermPostings {
        var docs: [UInt32] = []
        var tf0: [UInt32] = []
        var tf1: [UInt32] = []
        var positions: [UInt32] = []
    }

    init(analyzer: Analyzer = Analyzer(), parameters: BM25Parameters) {
        self.analyzer = analyzer
        self.parameters = parameters
        text = IDTermResolver(analyzer: analyzer, prefix: "")
        names = IDTermResolver(analyzer: Analyzer.names, prefix: FieldPrefix.authorTerm(""))
    }

    var isEmpty: Bool { docCount == 0 }

    /// Adds `document`; returns its local doc number.
    @discardableResult
    mutating func add(_ document: SearchDocument) -> Int {
        let doc = UInt32(docCount)
        var titleLength: UInt32 = 0
        var abstractLength: UInt32 = 0
        scratch.removeAll(keepingCapacity: true)
        var resolver = IDTermResolver(analyzer: analyzer, prefix: "")
        swap(&resolver, &text)
        let titleEnd = analyzer.forEachTerm(in: document.title, resolver: &resolver) { id, position, _, isJoin in
            scratch.append(UInt64(UInt32(bitPattern: id)) << 32 | UInt64(position))
            if !isJoin { titleLength += 1 }
        }
        let abstractStart = titleEnd + Self.fieldGap
        analyzer.forEachTerm(in: document.abstract, startPosition: abstractStart, resolver: &resolver) {
            id, position, _, isJoin in
            scratch.append(UInt64(UInt32(bitPattern: id)) << 32 | UInt64(position))
            if !isJoin { abstractLength += 1 }
        }
        swap(&resolver, &text)
        while textPostings.count < text.terms.count { textPostings.append(TermPostings()) }
        Self.invert(&scratch, doc: doc, into: &textPostings) { $0 < UInt32(abstractStart) }

        var authorLength: UInt32 = 0
        var position = 0
        swap(&resolver, &names)
        for name in document.authors {
            let end = Analyzer.names.forEachTerm(in: name, startPosition: position, resolver: &resolver) {
                id, p, _, isJoin in
                scratch.append(UInt64(UInt32(bitPattern: id)) << 32 | UInt64(p))
                if !isJoin { authorLength += 1 }
            }
            position = end + Self.fieldGap
        }
        swap(&resolver, &names)
        while authorPostings.count < names.terms.count { authorPostings.append(TermPostings()) }
        Self.invert(&scratch, doc: doc, into: &authorPostings) { _ in false }

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

    private mutating func categoryOrdinal(_ name: String) -> UInt32 {
        if let o = categoryOrdinals[name] { return o }
        let o = UInt32(parts.categoryNames.count)
        categoryOrdinals[name] = o
        parts.categoryNames.append(name)
        return o
    }

    /// Groups `scratch` by term, appends one posting per term to `postings`, and empties `scratch`.
    /// `isSlot0(position)` splits the frequencies between the two slots.
    private static func invert(
        _ scratch: inout [UInt64], doc: UInt32, into postings: inout [TermPostings], isSlot0: (UInt32) -> Bool
    ) {
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
                    if isSlot0(position) { a += 1 } else { c += 1 }
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
        scratch.removeAll(keepingCapacity: true)
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
        // (isAuthor, id) of every term, sorted by term bytes.
        let all = text.terms.indices.map { (false, $0) } + names.terms.indices.map { (true, $0) }
        func key(_ t: (Bool, Int)) -> String { t.0 ? names.terms[t.1] : text.terms[t.1] }
        let order = all.sorted { key($0).utf8.lexicographicallyPrecedes(key($1).utf8) }
        var encoder = PostingsEncoder(norms: norms, parts: out)
        for ref in order {
            let p = ref.0 ? authorPostings[ref.1] : textPostings[ref.1]
            guard !p.docs.isEmpty else { continue }
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
            encoder.finishTerm(key(ref))
        }
        return encoder.parts
    }
}

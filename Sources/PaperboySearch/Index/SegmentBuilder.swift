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

    /// One term's postings in the buffer, compact: per doc varint(doc delta), varint(tf1 << 1 | hasTf0),
    /// [varint(tf0)], then varint position deltas (tf0 + tf1 of them).
    struct TermPostings {
        var bytes: [UInt8] = []
        var lastDoc: UInt32 = 0
        var docFreq: UInt32 = 0
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
        var tokens: [UInt64] = []
        swap(&tokens, &scratch)  // a local buffer keeps the closures free of dynamic exclusivity checks
        defer { swap(&tokens, &scratch) }
        tokens.removeAll(keepingCapacity: true)
        var resolver = IDTermResolver(analyzer: analyzer, prefix: "")
        swap(&resolver, &text)
        let titleEnd = analyzer.forEachTerm(in: document.title, resolver: &resolver) { id, position, _, isJoin in
            tokens.append(UInt64(UInt32(bitPattern: id)) << 32 | UInt64(position))
            if !isJoin { titleLength += 1 }
        }
        let abstractStart = titleEnd + Self.fieldGap
        analyzer.forEachTerm(in: document.abstract, startPosition: abstractStart, resolver: &resolver) {
            id, position, _, isJoin in
            tokens.append(UInt64(UInt32(bitPattern: id)) << 32 | UInt64(position))
            if !isJoin { abstractLength += 1 }
        }
        swap(&resolver, &text)
        while textPostings.count < text.terms.count { textPostings.append(TermPostings()) }
        Self.invert(&tokens, doc: doc, into: &textPostings) { $0 < UInt32(abstractStart) }

        var authorLength: UInt32 = 0
        var position = 0
        swap(&resolver, &names)
        for name in document.authors {
            let end = Analyzer.names.forEachTerm(in: name, startPosition: position, resolver: &resolver) {
                id, p, _, isJoin in
                tokens.append(UInt64(UInt32(bitPattern: id)) << 32 | UInt64(p))
                if !isJoin { authorLength += 1 }
            }
            position = end + Self.fieldGap
        }
        swap(&resolver, &names)
        while authorPostings.count < names.terms.count { authorPostings.append(TermPostings()) }
        Self.invert(&tokens, doc: doc, into: &authorPostings) { _ in false }

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
        var positions: [UInt32] = []
        var i = 0
        while i < scratch.count {
            let id = Int(scratch[i] >> 32)
            var j = i
            var a: UInt32 = 0
            var c: UInt32 = 0
            positions.removeAll(keepingCapacity: true)
            while j < scratch.count && Int(scratch[j] >> 32) == id {
                let position = UInt32(truncatingIfNeeded: scratch[j])
                if positions.last != position {  // a joined compound can repeat a position
                    if isSlot0(position) { a += 1 } else { c += 1 }
                    positions.append(position)
                }
                j += 1
            }
            postings[id].append(doc: doc, tf0: a, tf1: c, positions: positions)
            i = j
        }
        scratch.removeAll(keepingCapacity: true)
    }

    /// Encodes the buffer as segment parts (terms sorted by UTF-8 bytes), releasing the buffer's postings.
    mutating func freeze() -> SegmentParts {
        var out = parts
        parts = SegmentParts()
        out.docCount = docCount
        let averages = (0..<3).map { docCount > 0 ? Float(Double(out.sumLength[$0]) / Double(docCount)) : 0 }
        out.blockMaxAverage = averages
        let norms = (0..<3).map { field in
            out.lengths[field].map { parameters.norm(field: field, length: Int($0), average: averages[field]) }
        }
        // (isAuthor, id) of every term, sorted by term bytes.
        let textTerms = text.terms.map { Array($0.utf8) }
        let nameTerms = names.terms.map { Array($0.utf8) }
        let all = textTerms.indices.map { (false, $0) } + nameTerms.indices.map { (true, $0) }
        let order = all.sorted { a, b in
            (a.0 ? nameTerms[a.1] : textTerms[a.1]).lexicographicallyPrecedes(b.0 ? nameTerms[b.1] : textTerms[b.1])
        }
        var encoder = PostingsEncoder(norms: norms, parts: out)
        var positions: [UInt32] = []
        for ref in order {
            var p = TermPostings()
            if ref.0 { swap(&p, &authorPostings[ref.1]) } else { swap(&p, &textPostings[ref.1]) }
            guard p.docFreq > 0 else { continue }
            p.forEach(positions: &positions) { doc, a, c, positions in
                positions.withUnsafeBufferPointer { encoder.add(doc: doc, tf0: a, tf1: c, positions: $0) }
            }
            encoder.finishTerm(ref.0 ? names.terms[ref.1] : text.terms[ref.1])
        }
        return encoder.parts
    }
}

extension SegmentBuilder.TermPostings {
    mutating func append(doc: UInt32, tf0 a: UInt32, tf1 c: UInt32, positions: [UInt32]) {
        VarInt.append(doc &- lastDoc, to: &bytes)
        lastDoc = doc
        docFreq += 1
        VarInt.append(c << 1 | (a > 0 ? 1 : 0), to: &bytes)
        if a > 0 { VarInt.append(a, to: &bytes) }
        var previous: UInt32 = 0
        for p in positions {
            VarInt.append(p &- previous, to: &bytes)
            previous = p
        }
    }

    /// Decodes every posting in order: body(doc, tf0, tf1, positions).
    func forEach(positions: inout [UInt32], _ body: (UInt32, UInt32, UInt32, [UInt32]) -> Void) {
        bytes.withUnsafeBufferPointer { buffer in
            guard var p = buffer.baseAddress else { return }
            var doc: UInt32 = 0
            for _ in 0..<docFreq {
                doc &+= VarInt.read(&p)
                let v = VarInt.read(&p)
                let c = v >> 1
                let a = v & 1 == 1 ? VarInt.read(&p) : 0
                positions.removeAll(keepingCapacity: true)
                var position: UInt32 = 0
                for _ in 0..<(a + c) {
                    position &+= VarInt.read(&p)
                    positions.append(position)
                }
                body(doc, a, c, positions)
            }
        }
    }
}

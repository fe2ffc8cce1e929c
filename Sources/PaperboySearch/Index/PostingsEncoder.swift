/// Writes the postings of one term at a time into a segment's postings, positions and skip blobs.
///
/// Per block of 128 documents, three runs: varint(docDelta) per doc, then varint(tf1 << 1 | hasTf0) per doc,
/// then varint(tf0) for the docs with hasTf0 (so doc ids decode alone and frequencies only when needed);
/// positions per doc as varint deltas (all positions of the doc, in order). A skip entry per block holds the
/// last doc, the byte offsets of the block's postings and positions, and the block's max T (see `BM25Parameters`),
/// computed with `norms` (per-field norm arrays of this segment).
struct PostingsEncoder {
    static let blockSize = 128

    /// Norm factors per field [title, abstract, authors] for each doc of the segment being written.
    /// Text terms use slots (title, abstract); author terms keep their frequency in slot 1 with author norms.
    let norms: [[Float]]
    var parts: SegmentParts

    private var docs: [UInt32] = []
    private var tf0: [UInt32] = []
    private var tf1: [UInt32] = []
    private var positionBytes: [UInt8] = []
    private var positionStartOfDoc: [Int] = []

    init(norms: [[Float]], parts: SegmentParts) {
        self.norms = norms
        self.parts = parts
    }

    /// Adds one posting of the current term; `positions` ascending.
    mutating func add(doc: UInt32, tf0 a: UInt32, tf1 c: UInt32, positions: UnsafeBufferPointer<UInt32>) {
        docs.append(doc)
        tf0.append(a)
        tf1.append(c)
        positionStartOfDoc.append(positionBytes.count)
        var previous: UInt32 = 0
        for p in positions {
            VarInt.append(p &- previous, to: &positionBytes)
            previous = p
        }
    }

    /// Finishes the current term: appends its dictionary entry, skips and data.
    mutating func finishTerm(_ term: String) {
        guard !docs.isEmpty else { return }
        parts.termBytes.append(contentsOf: term.utf8)
        parts.termOffsets.append(UInt32(parts.termBytes.count))
        let firstSkip = parts.skips.count / SegmentParts.skipSize
        let postingsStart = parts.postings.count
        let positionsStart = parts.positions.count
        let isAuthor = term.utf8.first == FieldPrefix.author
        let norm0 = norms[0]
        let norm1 = isAuthor ? norms[2] : norms[1]
        var termMax: Float = 0
        var previousDoc: UInt32 = 0
        var i = 0
        while i < docs.count {
            let end = min(i + Self.blockSize, docs.count)
            let blockDocStart = parts.postings.count - postingsStart
            let blockPosStart = parts.positions.count - positionsStart
            var blockMax: Float = 0
            for j in i..<end {
                let d = docs[j]
                VarInt.append(d &- previousDoc, to: &parts.postings)
                previousDoc = d
                VarInt.append(tf1[j] << 1 | (tf0[j] > 0 ? 1 : 0), to: &parts.postings)
                if tf0[j] > 0 { VarInt.append(tf0[j], to: &parts.postings) }
                let t = Float(tf0[j]) * norm0[Int(d)] + Float(tf1[j]) * norm1[Int(d)]
                blockMax = max(blockMax, t)
            }
            let pa = positionStartOfDoc[i]
            let pb = end < docs.count ? positionStartOfDoc[end] : positionBytes.count
            parts.positions.append(contentsOf: positionBytes[pa..<pb])
            appendSkip(lastDoc: docs[end - 1], docOffset: blockDocStart, posOffset: blockPosStart, maxT: blockMax)
            termMax = max(termMax, blockMax)
            i = end
        }
        appendTermInfo(
            docFreq: docs.count, firstSkip: firstSkip, postings: postingsStart, positions: positionsStart, maxT: termMax)
        docs.removeAll(keepingCapacity: true)
        tf0.removeAll(keepingCapacity: true)
        tf1.removeAll(keepingCapacity: true)
        positionBytes.removeAll(keepingCapacity: true)
        positionStartOfDoc.removeAll(keepingCapacity: true)
    }

    private mutating func appendSkip(lastDoc: UInt32, docOffset: Int, posOffset: Int, maxT: Float) {
        append32(lastDoc, to: &parts.skips)
        append32(UInt32(docOffset), to: &parts.skips)
        append32(UInt32(posOffset), to: &parts.skips)
        append32(maxT.bitPattern, to: &parts.skips)
    }

    private mutating func appendTermInfo(docFreq: Int, firstSkip: Int, postings: Int, positions: Int, maxT: Float) {
        append32(UInt32(docFreq), to: &parts.termInfos)
        append32(UInt32(firstSkip), to: &parts.termInfos)
        append64(UInt64(postings), to: &parts.termInfos)
        append64(UInt64(positions), to: &parts.termInfos)
        append32(maxT.bitPattern, to: &parts.termInfos)
        append32(0, to: &parts.termInfos)
    }

    private func append32(_ v: UInt32, to out: inout [UInt8]) {
        withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) }
    }

    private func append64(_ v: UInt64, to out: inout [UInt8]) {
        withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) }
    }
}

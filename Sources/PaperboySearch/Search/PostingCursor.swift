/// Iterates one term's postings in one segment, decoding a block of 128 docs at a time, and scores the current
/// doc with BM25F. Also gives per-block score upper bounds without decoding (for MaxScore pruning) and the
/// current doc's positions (for phrases).
///
/// A cursor is used by one search on one thread; its memory (the segment and norm tables) is kept alive by the
/// snapshot the search runs on.
final class PostingCursor {
    static let noMoreDocs = Int.max

    let docFreq: Int
    /// Query weight × idf.
    let weight: Float
    let k1: Float
    /// Multiplier that keeps stored block maxima valid under the snapshot's average lengths (≥ 1).
    let blockScale: Float
    /// Upper bound of `score()` over the whole list.
    let maxScore: Float

    private let postings: UnsafePointer<UInt8>
    private let positionsBase: UnsafePointer<UInt8>
    private let skips: UnsafeRawPointer
    private let blockCount: Int
    private let norm0: UnsafePointer<Float>
    private let norm1: UnsafePointer<Float>

    private(set) var doc = -1
    private var block = -1
    private var index = 0
    private var count = 0
    private let docs: UnsafeMutablePointer<Int>
    private let tf0: UnsafeMutablePointer<UInt32>
    private let tf1: UnsafeMutablePointer<UInt32>
    /// Positions walk inside the current block: doc index reached and byte pointer.
    private var positionIndex = 0
    private var positionPointer: UnsafePointer<UInt8>
    /// Block index used by `blockMaxScore(upTo:)`.
    private var shallowBlock = 0

    init(segment: Segment, info: Segment.TermInfo, weight: Float, k1: Float, blockScale: Float,
         norm0: UnsafePointer<Float>, norm1: UnsafePointer<Float>) {
        docFreq = info.docFreq
        self.weight = weight
        self.k1 = k1
        self.blockScale = blockScale
        let t = info.maxT * blockScale
        maxScore = weight * t / (t + k1) * 1.0001
        postings = segment.pointer(.postings).advanced(by: info.postingsOffset).assumingMemoryBound(to: UInt8.self)
        positionsBase = segment.pointer(.positions).advanced(by: info.positionsOffset).assumingMemoryBound(to: UInt8.self)
        skips = segment.pointer(.skips).advanced(by: info.firstSkip * SegmentParts.skipSize)
        blockCount = (info.docFreq + PostingsEncoder.blockSize - 1) / PostingsEncoder.blockSize
        self.norm0 = norm0
        self.norm1 = norm1
        docs = .allocate(capacity: PostingsEncoder.blockSize)
        tf0 = .allocate(capacity: PostingsEncoder.blockSize)
        tf1 = .allocate(capacity: PostingsEncoder.blockSize)
        positionPointer = positionsBase
    }

    deinit {
        docs.deallocate()
        tf0.deallocate()
        tf1.deallocate()
    }

    @inline(__always) private func lastDoc(ofBlock b: Int) -> Int {
        Int(skips.loadUnaligned(fromByteOffset: b * SegmentParts.skipSize, as: UInt32.self))
    }

    @inline(__always) private func blockMaxT(_ b: Int) -> Float {
        Float(bitPattern: skips.loadUnaligned(fromByteOffset: b * SegmentParts.skipSize + 12, as: UInt32.self))
    }

    private func loadBlock(_ b: Int) {
        block = b
        var previous = b == 0 ? 0 : lastDoc(ofBlock: b - 1)
        let offset = Int(skips.loadUnaligned(fromByteOffset: b * SegmentParts.skipSize + 4, as: UInt32.self))
        var p = postings + offset
        count = min(PostingsEncoder.blockSize, docFreq - b * PostingsEncoder.blockSize)
        for i in 0..<count {
            previous += Int(VarInt.read(&p))
            docs[i] = previous
            let v = VarInt.read(&p)
            tf1[i] = v >> 1
            tf0[i] = v & 1 == 1 ? VarInt.read(&p) : 0
        }
        index = 0
        doc = docs[0]
        let posOffset = Int(skips.loadUnaligned(fromByteOffset: b * SegmentParts.skipSize + 8, as: UInt32.self))
        positionPointer = positionsBase + posOffset
        positionIndex = 0
    }

    /// Moves to the next doc (or `noMoreDocs`).
    @inline(__always)
    func next() {
        index += 1
        if index < count {
            doc = docs[index]
        } else if block + 1 < blockCount {
            loadBlock(block + 1)
        } else {
            doc = Self.noMoreDocs
        }
    }

    /// Moves to the first doc ≥ `target` (or `noMoreDocs`).
    func advance(to target: Int) {
        if doc >= target { return }
        if block < 0 || target > docs[count - 1] {
            var b = max(block + 1, 0)
            while b < blockCount && lastDoc(ofBlock: b) < target { b += 1 }
            if b >= blockCount {
                doc = Self.noMoreDocs
                return
            }
            loadBlock(b)
        }
        while docs[index] < target { index += 1 }
        doc = docs[index]
    }

    /// Frequencies of the current doc: (slot 0, slot 1) — (title, abstract) or (0, authors).
    var frequencies: (UInt32, UInt32) { (tf0[index], tf1[index]) }

    /// BM25F score of the current doc.
    @inline(__always)
    func score() -> Float {
        let t = Float(tf0[index]) * norm0[doc] + Float(tf1[index]) * norm1[doc]
        return weight * t / (t + k1)
    }

    /// Upper bound of `score()` for docs in the block containing `target`, and that block's last doc.
    /// Never decodes; `target` must not decrease between calls.
    func blockMaxScore(upTo target: Int) -> (score: Float, lastDoc: Int) {
        while shallowBlock < blockCount && lastDoc(ofBlock: shallowBlock) < target { shallowBlock += 1 }
        if shallowBlock >= blockCount { return (0, Self.noMoreDocs) }
        let t = blockMaxT(shallowBlock) * blockScale
        return (weight * t / (t + k1) * 1.0001, lastDoc(ofBlock: shallowBlock))
    }

    /// Positions of the current doc (ascending) written into `out`.
    func positions(into out: inout [Int]) {
        out.removeAll(keepingCapacity: true)
        var p = positionPointer
        while positionIndex < index {
            let n = Int(tf0[positionIndex] + tf1[positionIndex])
            for _ in 0..<n { _ = VarInt.read(&p) }
            positionIndex += 1
        }
        positionPointer = p
        let n = Int(tf0[index] + tf1[index])
        var value = 0
        for _ in 0..<n {
            value += Int(VarInt.read(&p))
            out.append(value)
        }
    }
}

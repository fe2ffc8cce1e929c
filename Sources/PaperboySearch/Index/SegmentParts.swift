/// The contents of a segment before serialisation: what `SegmentBuilder` and `SegmentMerger` produce and what
/// the segment file stores, section by section.
///
/// File layout (little endian): magic "PBSEG001", docCount u32, termCount u32, sumLength[3] u64,
/// blockMaxAverage[3] f32, pad u32, then a table of `Section.allCases.count` × (offset u64, length u64), then the
/// sections, each 8-byte aligned. Field order everywhere: 0 title, 1 abstract, 2 authors.
struct SegmentParts {
    enum Section: Int, CaseIterable {
        case termOffsets, termBytes, termInfos, skips, postings, positions
        case titleLengths, abstractLengths, authorLengths, days, upvotes, primaryCategory
        case categoryOffsets, categoryList, categoryNameOffsets, categoryNameBytes, idOffsets, idBytes
    }

    static let magic: [UInt8] = Array("PBSEG001".utf8)
    static let headerSize = 56
    /// Bytes per term info: docFreq u32, firstSkip u32, postingsOffset u64, positionsOffset u64, maxT f32, pad.
    static let termInfoSize = 32
    /// Bytes per skip entry: lastDoc u32, docOffset u32, positionsOffset u32, maxT f32.
    static let skipSize = 16

    var docCount = 0
    /// Sorted term bytes (author terms carry the `FieldPrefix.author` prefix).
    var termOffsets: [UInt32] = [0]
    var termBytes: [UInt8] = []
    var termInfos: [UInt8] = []
    var skips: [UInt8] = []
    var postings: [UInt8] = []
    var positions: [UInt8] = []
    /// Token counts per field: [title, abstract, authors], each `docCount` long.
    var lengths: [[UInt32]] = [[], [], []]
    var sumLength: [UInt64] = [0, 0, 0]
    /// Average field lengths used when computing the block maxima stored in `skips`.
    var blockMaxAverage: [Float] = [0, 0, 0]
    var days: [Int32] = []
    var upvotes: [Int32] = []
    var primaryCategory: [Int32] = []
    var categoryOffsets: [UInt32] = [0]
    var categoryList: [UInt32] = []
    var categoryNames: [String] = []
    var ids: [String] = []

    var termCount: Int { termOffsets.count - 1 }

    /// Serialises to the segment file format.
    func encode() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(postings.count + positions.count + termBytes.count + skips.count + docCount * 40 + 4096)
        out.append(contentsOf: Self.magic)
        append(UInt32(docCount), to: &out)
        append(UInt32(termCount), to: &out)
        for s in sumLength { append(s, to: &out) }
        for a in blockMaxAverage { append(a.bitPattern, to: &out) }
        append(UInt32(0), to: &out)
        let tableStart = out.count
        out.append(contentsOf: [UInt8](repeating: 0, count: Section.allCases.count * 16))
        var nameOffsets: [UInt32] = [0]
        var nameBytes: [UInt8] = []
        for n in categoryNames { nameBytes.append(contentsOf: n.utf8); nameOffsets.append(UInt32(nameBytes.count)) }
        var idOffsets: [UInt32] = [0]
        var idBytes: [UInt8] = []
        for id in ids { idBytes.append(contentsOf: id.utf8); idOffsets.append(UInt32(idBytes.count)) }
        for section in Section.allCases {
            while out.count % 8 != 0 { out.append(0) }
            let start = out.count
            switch section {
            case .termOffsets: appendArray(termOffsets, to: &out)
            case .termBytes: out.append(contentsOf: termBytes)
            case .termInfos: out.append(contentsOf: termInfos)
            case .skips: out.append(contentsOf: skips)
            case .postings: out.append(contentsOf: postings)
            case .positions: out.append(contentsOf: positions)
            case .titleLengths: appendArray(lengths[0], to: &out)
            case .abstractLengths: appendArray(lengths[1], to: &out)
            case .authorLengths: appendArray(lengths[2], to: &out)
            case .days: appendArray(days.map { UInt32(bitPattern: $0) }, to: &out)
            case .upvotes: appendArray(upvotes.map { UInt32(bitPattern: $0) }, to: &out)
            case .primaryCategory: appendArray(primaryCategory.map { UInt32(bitPattern: $0) }, to: &out)
            case .categoryOffsets: appendArray(categoryOffsets, to: &out)
            case .categoryList: appendArray(categoryList, to: &out)
            case .categoryNameOffsets: appendArray(nameOffsets, to: &out)
            case .categoryNameBytes: out.append(contentsOf: nameBytes)
            case .idOffsets: appendArray(idOffsets, to: &out)
            case .idBytes: out.append(contentsOf: idBytes)
            }
            let entry = tableStart + section.rawValue * 16
            write(UInt64(start), at: entry, in: &out)
            write(UInt64(out.count - start), at: entry + 8, in: &out)
        }
        // Trailing padding so that varint decoding near the end never reads past the buffer.
        out.append(contentsOf: [UInt8](repeating: 0, count: 16))
        return out
    }

    private func append<T: FixedWidthInteger>(_ v: T, to out: inout [UInt8]) {
        withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) }
    }

    private func appendArray(_ values: [UInt32], to out: inout [UInt8]) {
        values.withUnsafeBytes { out.append(contentsOf: $0) }
    }

    private func write(_ v: UInt64, at offset: Int, in out: inout [UInt8]) {
        withUnsafeBytes(of: v.littleEndian) { bytes in
            for i in 0..<8 { out[offset + i] = bytes[i] }
        }
    }
}

/// Term prefixes that keep fields apart in one term dictionary.
enum FieldPrefix {
    /// Prefix byte of author-field terms (a control character never produced by the analyzer).
    static let author: UInt8 = 0x01
    static func authorTerm(_ term: String) -> String { "\u{01}" + term }
}

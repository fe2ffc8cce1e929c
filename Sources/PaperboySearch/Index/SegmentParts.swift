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

    /// Serialises to the segment file format, straight into owned memory.
    func encode() -> SegmentStorage {
        var nameOffsets: [UInt32] = [0]
        var nameBytes: [UInt8] = []
        for n in categoryNames { nameBytes.append(contentsOf: n.utf8); nameOffsets.append(UInt32(nameBytes.count)) }
        var idOffsets: [UInt32] = [0]
        var idBytes: [UInt8] = []
        for id in ids { idBytes.append(contentsOf: id.utf8); idOffsets.append(UInt32(idBytes.count)) }
        func withSection<R>(_ section: Section, _ body: (UnsafeRawBufferPointer) -> R) -> R {
            switch section {
            case .termOffsets: return termOffsets.withUnsafeBytes(body)
            case .termBytes: return termBytes.withUnsafeBytes(body)
            case .termInfos: return termInfos.withUnsafeBytes(body)
            case .skips: return skips.withUnsafeBytes(body)
            case .postings: return postings.withUnsafeBytes(body)
            case .positions: return positions.withUnsafeBytes(body)
            case .titleLengths: return lengths[0].withUnsafeBytes(body)
            case .abstractLengths: return lengths[1].withUnsafeBytes(body)
            case .authorLengths: return lengths[2].withUnsafeBytes(body)
            case .days: return days.withUnsafeBytes(body)
            case .upvotes: return upvotes.withUnsafeBytes(body)
            case .primaryCategory: return primaryCategory.withUnsafeBytes(body)
            case .categoryOffsets: return categoryOffsets.withUnsafeBytes(body)
            case .categoryList: return categoryList.withUnsafeBytes(body)
            case .categoryNameOffsets: return nameOffsets.withUnsafeBytes(body)
            case .categoryNameBytes: return nameBytes.withUnsafeBytes(body)
            case .idOffsets: return idOffsets.withUnsafeBytes(body)
            case .idBytes: return idBytes.withUnsafeBytes(body)
            }
        }
        // Layout: header, section table, then 8-aligned sections, then 16 bytes of padding so varint decoding
        // near the end never reads past the buffer.
        var offsets: [(Int, Int)] = []
        var size = Self.headerSize + Section.allCases.count * 16
        for section in Section.allCases {
            size = (size + 7) & ~7
            let n = withSection(section) { $0.count }
            offsets.append((size, n))
            size += n
        }
        size += 16
        return SegmentStorage(byteCount: size) { out in
            out.initializeMemory(as: UInt8.self, repeating: 0, count: size)
            for (i, m) in Self.magic.enumerated() { out.storeBytes(of: m, toByteOffset: i, as: UInt8.self) }
            out.storeBytes(of: UInt32(docCount).littleEndian, toByteOffset: 8, as: UInt32.self)
            out.storeBytes(of: UInt32(termCount).littleEndian, toByteOffset: 12, as: UInt32.self)
            for f in 0..<3 {
                out.storeBytes(of: sumLength[f].littleEndian, toByteOffset: 16 + f * 8, as: UInt64.self)
                out.storeBytes(of: blockMaxAverage[f].bitPattern.littleEndian, toByteOffset: 40 + f * 4, as: UInt32.self)
            }
            for section in Section.allCases {
                let (start, n) = offsets[section.rawValue]
                let entry = Self.headerSize + section.rawValue * 16
                out.storeBytes(of: UInt64(start).littleEndian, toByteOffset: entry, as: UInt64.self)
                out.storeBytes(of: UInt64(n).littleEndian, toByteOffset: entry + 8, as: UInt64.self)
                withSection(section) { src in
                    if let base = src.baseAddress, n > 0 { (out + start).copyMemory(from: base, byteCount: n) }
                }
            }
        }
    }
}

/// Term prefixes that keep fields apart in one term dictionary.
enum FieldPrefix {
    /// Prefix byte of author-field terms (a control character never produced by the analyzer).
    static let author: UInt8 = 0x01
    static func authorTerm(_ term: String) -> String { "\u{01}" + term }
}

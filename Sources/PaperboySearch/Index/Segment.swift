/// An immutable segment: a term dictionary with compressed postings plus per-document values, read in place
/// from `SegmentStorage` (a memory map or an owned buffer). Doc numbers are local: 0..<docCount.
final class Segment: Sendable {
    let storage: SegmentStorage
    let docCount: Int
    let termCount: Int
    /// Total token count per field [title, abstract, authors].
    let sumLength: [UInt64]
    /// Average field lengths the stored block maxima were computed with.
    let blockMaxAverage: [Float]
    /// Category names indexed by category ordinal.
    let categoryNames: [String]
    private let sections: [Range<Int>]

    typealias Section = SegmentParts.Section

    init(storage: SegmentStorage) throws(SearchError) {
        self.storage = storage
        let n = storage.count
        guard n >= SegmentParts.headerSize + Section.allCases.count * 16 else {
            throw SearchError(.corruptIndex, "segment is too short (\(n) bytes)")
        }
        for (i, m) in SegmentParts.magic.enumerated() where storage.load(i, as: UInt8.self) != m {
            throw SearchError(.corruptIndex, "segment has a wrong magic number")
        }
        docCount = Int(storage.load(8, as: UInt32.self))
        termCount = Int(storage.load(12, as: UInt32.self))
        sumLength = (0..<3).map { storage.load(16 + $0 * 8, as: UInt64.self) }
        blockMaxAverage = (0..<3).map { Float(bitPattern: storage.load(40 + $0 * 4, as: UInt32.self)) }
        var sections: [Range<Int>] = []
        for s in Section.allCases {
            let entry = SegmentParts.headerSize + s.rawValue * 16
            let start = Int(truncatingIfNeeded: storage.load(entry, as: UInt64.self))
            let length = Int(truncatingIfNeeded: storage.load(entry + 8, as: UInt64.self))
            guard start >= 0, length >= 0, start <= n, length <= n - start else {
                throw SearchError(.corruptIndex, "segment section \(s) is out of bounds")
            }
            sections.append(start..<(start + length))
        }
        self.sections = sections
        let d = docCount
        let t = termCount
        let expected: [(Section, Int)] = [
            (.termOffsets, (t + 1) * 4), (.termInfos, t * SegmentParts.termInfoSize), (.titleLengths, d * 4),
            (.abstractLengths, d * 4), (.authorLengths, d * 4), (.days, d * 4), (.upvotes, d * 4),
            (.primaryCategory, d * 4), (.categoryOffsets, (d + 1) * 4), (.idOffsets, (d + 1) * 4),
        ]
        for (s, size) in expected where sections[s.rawValue].count != size {
            throw SearchError(.corruptIndex, "segment section \(s) has \(sections[s.rawValue].count) bytes, expected \(size)")
        }
        let nameOffsets = sections[Section.categoryNameOffsets.rawValue]
        let nameBytes = sections[Section.categoryNameBytes.rawValue]
        var names: [String] = []
        let nameCount = nameOffsets.count / 4 - 1
        if nameCount > 0 {
            for i in 0..<nameCount {
                let a = Int(storage.load(nameOffsets.lowerBound + i * 4, as: UInt32.self))
                let b = Int(storage.load(nameOffsets.lowerBound + i * 4 + 4, as: UInt32.self))
                guard a <= b, b <= nameBytes.count else { throw SearchError(.corruptIndex, "bad category name table") }
                let p = storage.base.advanced(by: nameBytes.lowerBound + a).assumingMemoryBound(to: UInt8.self)
                names.append(String(decoding: UnsafeBufferPointer(start: p, count: b - a), as: UTF8.self))
            }
        }
        categoryNames = names
        try validateTables()
    }

    /// Checks that every table points inside its section (postings content itself is trusted: files are
    /// written atomically by this library).
    private func validateTables() throws(SearchError) {
        let termBytes = sections[Section.termBytes.rawValue].count
        var previous = 0
        for i in 0...termCount {
            let o = Int(u32(.termOffsets, i))
            guard o >= previous, o <= termBytes else { throw SearchError(.corruptIndex, "bad term offset table") }
            previous = o
        }
        let skipCount = sections[Section.skips.rawValue].count / SegmentParts.skipSize
        let postings = sections[Section.postings.rawValue].count
        let positions = sections[Section.positions.rawValue].count
        for t in 0..<termCount {
            let info = termInfo(t)
            let blocks = (info.docFreq + 127) / 128
            guard info.firstSkip + blocks <= skipCount, info.postingsOffset <= postings, info.positionsOffset <= positions
            else { throw SearchError(.corruptIndex, "bad term info for term #\(t)") }
        }
        let idBytes = sections[Section.idBytes.rawValue].count
        guard docCount == 0 || Int(u32(.idOffsets, docCount)) <= idBytes else {
            throw SearchError(.corruptIndex, "bad id table")
        }
    }

    // MARK: raw access

    @inline(__always)
    func pointer(_ s: Section) -> UnsafeRawPointer { storage.base + sections[s.rawValue].lowerBound }

    @inline(__always)
    func u32(_ s: Section, _ i: Int) -> UInt32 {
        storage.base.loadUnaligned(fromByteOffset: sections[s.rawValue].lowerBound + i * 4, as: UInt32.self)
    }

    func sectionSize(_ s: Section) -> Int { sections[s.rawValue].count }

    /// Term dictionary entry.
    struct TermInfo {
        var docFreq: Int
        var firstSkip: Int
        var postingsOffset: Int
        var positionsOffset: Int
        /// Largest weighted, length-normalised term frequency in the list (see `BM25Parameters`).
        var maxT: Float
    }

    func termInfo(_ ordinal: Int) -> TermInfo {
        let base = sections[Section.termInfos.rawValue].lowerBound + ordinal * SegmentParts.termInfoSize
        return TermInfo(
            docFreq: Int(storage.load(base, as: UInt32.self)),
            firstSkip: Int(storage.load(base + 4, as: UInt32.self)),
            postingsOffset: Int(truncatingIfNeeded: storage.load(base + 8, as: UInt64.self)),
            positionsOffset: Int(truncatingIfNeeded: storage.load(base + 16, as: UInt64.self)),
            maxT: Float(bitPattern: storage.load(base + 24, as: UInt32.self))
        )
    }

    /// Bytes of term `ordinal`.
    func termBytes(_ ordinal: Int) -> UnsafeBufferPointer<UInt8> {
        let a = Int(u32(.termOffsets, ordinal))
        let b = Int(u32(.termOffsets, ordinal + 1))
        let p = pointer(.termBytes).advanced(by: a).assumingMemoryBound(to: UInt8.self)
        return UnsafeBufferPointer(start: p, count: b - a)
    }

    func term(_ ordinal: Int) -> String { String(decoding: termBytes(ordinal), as: UTF8.self) }

    /// Ordinal of `term` by binary search over the sorted dictionary, or nil.
    func lookup(_ term: String) -> Int? {
        var key = term
        return key.withUTF8 { k -> Int? in
            var lo = 0
            var hi = termCount - 1
            while lo <= hi {
                let mid = (lo + hi) >> 1
                let c = compare(termBytes(mid), k)
                if c == 0 { return mid }
                if c < 0 { lo = mid + 1 } else { hi = mid - 1 }
            }
            return nil
        }
    }

    private func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        let n = min(a.count, b.count)
        for i in 0..<n where a[i] != b[i] { return a[i] < b[i] ? -1 : 1 }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }

    // MARK: doc values

    func length(field: Int, doc: Int) -> Int {
        let s: Section = field == 0 ? .titleLengths : (field == 1 ? .abstractLengths : .authorLengths)
        return Int(u32(s, doc))
    }

    /// Day as yyyymmdd (0 = unknown).
    func day(_ doc: Int) -> Int { Int(Int32(bitPattern: u32(.days, doc))) }
    func upvotes(_ doc: Int) -> Int { Int(Int32(bitPattern: u32(.upvotes, doc))) }
    /// Ordinal of the primary category, or -1.
    func primaryCategory(_ doc: Int) -> Int { Int(Int32(bitPattern: u32(.primaryCategory, doc))) }

    /// Category ordinals of `doc`, primary first.
    func categories(_ doc: Int) -> Range<Int> { Int(u32(.categoryOffsets, doc))..<Int(u32(.categoryOffsets, doc + 1)) }
    func categoryOrdinal(at listIndex: Int) -> Int { Int(u32(.categoryList, listIndex)) }

    /// External id of `doc`.
    func id(_ doc: Int) -> String {
        let a = Int(u32(.idOffsets, doc))
        let b = Int(u32(.idOffsets, doc + 1))
        let p = pointer(.idBytes).advanced(by: a).assumingMemoryBound(to: UInt8.self)
        return String(decoding: UnsafeBufferPointer(start: p, count: max(0, b - a)), as: UTF8.self)
    }

    /// Bytes used by this segment.
    var byteCount: Int { storage.count }
}

/// Deleted local doc numbers of one segment, as a bitset (value type; copied on write).
struct DeletionSet: Sendable, Hashable {
    private(set) var words: [UInt64]
    /// Number of deleted docs.
    private(set) var count: Int

    init(docCount: Int) {
        words = [UInt64](repeating: 0, count: (docCount + 63) / 64)
        count = 0
    }

    init(words: [UInt64]) {
        self.words = words
        count = words.reduce(0) { $0 + $1.nonzeroBitCount }
    }

    @inline(__always)
    func contains(_ doc: Int) -> Bool {
        words[doc >> 6] & (1 << UInt64(doc & 63)) != 0
    }

    mutating func insert(_ doc: Int) {
        let mask: UInt64 = 1 << UInt64(doc & 63)
        if words[doc >> 6] & mask == 0 {
            words[doc >> 6] |= mask
            count += 1
        }
    }

    /// Little-endian bytes for the deletion file.
    var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(words.count * 8)
        for w in words { withUnsafeBytes(of: w.littleEndian) { out.append(contentsOf: $0) } }
        return out
    }

    init?(bytes: [UInt8], docCount: Int) {
        let n = (docCount + 63) / 64
        guard bytes.count == n * 8 else { return nil }
        var words = [UInt64](repeating: 0, count: n)
        for i in 0..<n {
            var w: UInt64 = 0
            for k in 0..<8 { w |= UInt64(bytes[i * 8 + k]) << UInt64(8 * k) }
            words[i] = w
        }
        self.init(words: words)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An open-addressing hash table from byte strings to Int32, used while indexing to map raw words to term ids
/// without allocating a String per token. Keys are copied into one arena.
struct ByteTermTable {
    private var arena: [UInt8] = []
    private var keyStart: [Int32] = []
    private var keyLength: [Int32] = []
    private var values: [Int32] = []
    private var hashes: [UInt64] = []
    /// Entry index + 1 per slot, 0 = empty; capacity is a power of two.
    private var slots: [Int32] = [Int32](repeating: 0, count: 1024)

    var count: Int { values.count }

    /// Multiply-xorshift hash over 8-byte words.
    @inline(__always)
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard let base = key.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(key.count)
        var i = 0
        while i + 8 <= key.count {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < key.count {
            tail |= UInt64(base[i]) << shift
            shift += 8
            i += 1
        }
        h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
        return h ^ (h >> 29)
    }

    /// The value stored for `key`, if any.
    func find(_ key: UnsafeBufferPointer<UInt8>) -> Int32? {
        let h = Self.hash(key)
        return slots.withUnsafeBufferPointer { slots in
            hashes.withUnsafeBufferPointer { hashes in
                let mask = slots.count - 1
                var i = Int(truncatingIfNeeded: h) & mask
                while true {
                    let s = Int(slots[i])
                    if s == 0 { return nil }
                    let e = s - 1
                    if hashes[e] == h && Int(keyLength[e]) == key.count && equals(e, key) { return values[e] }
                    i = (i + 1) & mask
                }
            }
        }
    }

    private func equals(_ e: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = Int(keyStart[e])
        return arena.withUnsafeBufferPointer { arena in
            guard let a = arena.baseAddress, let k = key.baseAddress else { return key.isEmpty }
            return memcmp(a + start, k, key.count) == 0
        }
    }

    /// Inserts `key` (which must be absent).
    mutating func insert(_ key: UnsafeBufferPointer<UInt8>, value: Int32) {
        if (values.count + 1) * 2 > slots.count { grow() }
        let h = Self.hash(key)
        keyStart.append(Int32(arena.count))
        keyLength.append(Int32(key.count))
        arena.append(contentsOf: key)
        values.append(value)
        hashes.append(h)
        place(values.count - 1, hash: h)
    }

    private mutating func place(_ e: Int, hash h: UInt64) {
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h) & mask
        while slots[i] != 0 { i = (i + 1) & mask }
        slots[i] = Int32(e + 1)
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        for e in 0..<values.count { place(e, hash: hashes[e]) }
    }
}

/// Resolves tokenizer parts to term ids of one field while indexing, memoising raw bytes → id.
/// Stop words map to nil. Agrees with `MemoizingTermResolver` by calling the same `Analyzer` functions.
struct IDTermResolver: TermResolver {
    let analyzer: Analyzer
    /// Prefix prepended to every term (the author field prefix, or empty).
    let prefix: String
    private var parts = ByteTermTable()
    private var joins = ByteTermTable()
    private var joinKey: [UInt8] = []
    private(set) var terms: [String] = []
    private var ids: [String: Int32] = [:]

    init(analyzer: Analyzer, prefix: String) {
        self.analyzer = analyzer
        self.prefix = prefix
    }

    private mutating func id(for term: String) -> Int32 {
        let key = prefix + term
        if let id = ids[key] { return id }
        let id = Int32(terms.count)
        ids[key] = id
        terms.append(key)
        return id
    }

    mutating func term(for part: Tokenizer.Part) -> Int32? {
        let found = part.text.withUnsafeBufferPointer { parts.find($0) }
        if let found { return found >= 0 ? found : nil }
        let value = analyzer.term(forNormalized: analyzer.word(part)).map { id(for: $0) } ?? -1
        part.text.withUnsafeBufferPointer { parts.insert($0, value: value) }
        return value >= 0 ? value : nil
    }

    mutating func joinedTerm(for group: ArraySlice<Tokenizer.Part>) -> Int32? {
        joinKey.removeAll(keepingCapacity: true)
        for part in group where Analyzer.isIndexable(part) {
            joinKey.append(contentsOf: part.text)
            joinKey.append(0xFF)  // never in UTF-8: keeps part boundaries in the key
        }
        let found = joinKey.withUnsafeBufferPointer { joins.find($0) }
        if let found { return found >= 0 ? found : nil }
        let value = analyzer.joinedWord(group).map { id(for: analyzer.stem($0)) } ?? -1
        joinKey.withUnsafeBufferPointer { joins.insert($0, value: value) }
        return value >= 0 ? value : nil
    }
}

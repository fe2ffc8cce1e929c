import Foundation

/// Compact binary persistence of a ``VectorIndex`` (format version 1, little-endian):
///
/// ```
/// "PBVI" u32:version u32:dimension u32:hnswThreshold u32:m u32:efConstruction u32:efSearch u64:seed
/// u32:slots  { u32:byteCount utf8:id }×slots  u8:deleted×slots  f32:vectors[slots × dimension]
/// u8:hasGraph [ i32:entryPoint i32:maxLevel u64:rng u8:level×slots i32:links0[slots × (2m+1)]
///              i32:upper[level × (m+1)] for each slot with level > 0 ]
/// "PBVE"
/// ```
/// Removed vectors (tombstones) are kept, so a saved graph loads unchanged.
extension VectorIndex {
    static let fileMagic: [UInt8] = Array("PBVI".utf8)
    static let fileTrailer: [UInt8] = Array("PBVE".utf8)
    static let fileVersion: UInt32 = 1

    /// Writes the index to `url` atomically.
    public func save(to url: URL) throws(VectorIndexError) {
        do {
            try serialized().write(to: url, options: .atomic)
        } catch {
            throw VectorIndexError(.io, "cannot write \(url.path): \(error)")
        }
    }

    /// Reads an index written by ``save(to:)``.
    public static func load(from url: URL) throws(VectorIndexError) -> VectorIndex {
        let data: Data
        do {
            data = try Data(contentsOf: url, options: .alwaysMapped)
        } catch {
            throw VectorIndexError(.io, "cannot read \(url.path): \(error)")
        }
        return try VectorIndex(serialized: data)
    }

    /// The index in the binary format above.
    public func serialized() -> Data {
        var out = Data()
        let s = storage
        out.reserveCapacity(64 + s.slotCount * (s.dimension * 4 + 24) + (graph.map { $0.links0.count * 4 } ?? 0))
        out.append(contentsOf: Self.fileMagic)
        for v in [Self.fileVersion, UInt32(dimension), UInt32(configuration.hnswThreshold), UInt32(configuration.hnsw.m),
                  UInt32(configuration.hnsw.efConstruction), UInt32(configuration.hnsw.efSearch)] { out.appendLE(v) }
        out.appendLE(configuration.hnsw.seed)
        out.appendLE(UInt32(s.slotCount))
        for id in s.ids {
            let bytes = Array(id.utf8)
            out.appendLE(UInt32(bytes.count))
            out.append(contentsOf: bytes)
        }
        out.append(contentsOf: s.deleted.map { $0 ? 1 : 0 })
        out.appendLE(array: s.vectors.map(\.bitPattern))
        if let g = graph {
            out.append(1)
            out.appendLE(UInt32(bitPattern: g.entryPoint))
            out.appendLE(UInt32(bitPattern: Int32(g.maxLevel)))
            out.appendLE(g.rng)
            out.append(contentsOf: g.levels)
            out.appendLE(array: g.links0.map { UInt32(bitPattern: $0) })
            for row in g.upper where !row.isEmpty { out.appendLE(array: row.map { UInt32(bitPattern: $0) }) }
        } else {
            out.append(0)
        }
        out.append(contentsOf: Self.fileTrailer)
        return out
    }

    /// Parses the binary format above.
    /// - Throws: ``VectorIndexError`` `.invalidFile` for anything malformed.
    public init(serialized data: Data) throws(VectorIndexError) {
        var r = VectorFileReader(data)
        guard try r.bytes(4) == Self.fileMagic else { throw VectorIndexError(.invalidFile, "not a Paperboy vector index (bad magic)") }
        let version = try r.u32()
        guard version == Self.fileVersion else { throw VectorIndexError(.invalidFile, "unsupported vector index version \(version)") }
        let dimension = Int(try r.u32()), threshold = Int(try r.u32())
        let m = Int(try r.u32()), efC = Int(try r.u32()), efS = Int(try r.u32())
        let seed = try r.u64()
        guard dimension > 0, dimension <= 65_536, m >= 2, m <= 1024 else { throw VectorIndexError(.invalidFile, "implausible header") }
        let configuration = Configuration(
            dimension: dimension, hnswThreshold: threshold,
            hnsw: VectorHNSW.Parameters(m: m, efConstruction: efC, efSearch: efS, seed: seed)
        )
        let slots = Int(try r.u32())
        var ids: [String] = []
        ids.reserveCapacity(slots)
        for _ in 0..<slots {
            let n = Int(try r.u32())
            ids.append(String(decoding: try r.bytes(n), as: UTF8.self))
        }
        let deleted = try r.bytes(slots).map { $0 != 0 }
        let vectors = try r.u32s(slots * dimension).map(Float.init(bitPattern:))
        let storage = try VectorStorage(dimension: dimension, ids: ids, vectors: vectors, deleted: deleted)
        var graph: VectorHNSW?
        if try r.bytes(1)[0] == 1 {
            var g = VectorHNSW(parameters: configuration.hnsw)
            g.entryPoint = Int32(bitPattern: try r.u32())
            g.maxLevel = Int(Int32(bitPattern: try r.u32()))
            g.rng = try r.u64()
            g.levels = try r.bytes(slots)
            g.links0 = try r.u32s(slots * (2 * m + 1)).map { Int32(bitPattern: $0) }
            g.upper = try g.levels.map { level throws(VectorIndexError) in
                level == 0 ? [] : try r.u32s(Int(level) * (m + 1)).map { Int32(bitPattern: $0) }
            }
            try Self.validate(g, slots: slots)
            graph = g
        }
        guard try r.bytes(4) == Self.fileTrailer, r.atEnd else { throw VectorIndexError(.invalidFile, "trailing or missing end marker") }
        self.init(configuration: configuration, storage: storage, graph: graph)
    }

    /// Checks that every link points at an existing slot and counts fit their rows.
    private static func validate(_ g: VectorHNSW, slots: Int) throws(VectorIndexError) {
        let m = g.parameters.m
        guard slots == 0 ? g.entryPoint == -1 : (g.entryPoint >= 0 && Int(g.entryPoint) < slots),
              g.maxLevel < 16, g.levels.allSatisfy({ $0 < 16 })
        else { throw VectorIndexError(.invalidFile, "graph entry point or levels out of range") }
        for s in 0..<slots {
            let base = s * (2 * m + 1)
            let count = Int(g.links0[base])
            guard count >= 0, count <= 2 * m else { throw VectorIndexError(.invalidFile, "bad link count at slot \(s)") }
            for n in g.links0[(base + 1)..<(base + 1 + count)] where n < 0 || Int(n) >= slots {
                throw VectorIndexError(.invalidFile, "link out of range at slot \(s)")
            }
            let row = g.upper[s]
            for layer in 0..<Int(g.levels[s]) {
                let b = layer * (m + 1)
                let c = Int(row[b])
                guard c >= 0, c <= m else { throw VectorIndexError(.invalidFile, "bad upper link count at slot \(s)") }
                for n in row[(b + 1)..<(b + 1 + c)] where n < 0 || Int(n) >= slots {
                    throw VectorIndexError(.invalidFile, "upper link out of range at slot \(s)")
                }
            }
        }
    }
}

/// A bounds-checked little-endian cursor over the bytes of an index file.
struct VectorFileReader {
    private let data: Data
    private var offset: Int

    init(_ data: Data) {
        self.data = data
        offset = data.startIndex
    }

    var atEnd: Bool { offset == data.endIndex }

    mutating func bytes(_ n: Int) throws(VectorIndexError) -> [UInt8] {
        guard n >= 0, data.endIndex - offset >= n else { throw VectorIndexError(.invalidFile, "file is truncated") }
        defer { offset += n }
        return [UInt8](data[offset..<(offset + n)])
    }

    mutating func u32() throws(VectorIndexError) -> UInt32 {
        let b = try bytes(4)
        return UInt32(b[0]) | UInt32(b[1]) << 8 | UInt32(b[2]) << 16 | UInt32(b[3]) << 24
    }

    mutating func u64() throws(VectorIndexError) -> UInt64 {
        UInt64(try u32()) | UInt64(try u32()) << 32
    }

    /// `n` little-endian UInt32 values, copied in bulk.
    mutating func u32s(_ n: Int) throws(VectorIndexError) -> [UInt32] {
        guard n >= 0, n <= (data.endIndex - offset) / 4 else { throw VectorIndexError(.invalidFile, "file is truncated") }
        var out = [UInt32](repeating: 0, count: n)
        out.withUnsafeMutableBytes { dst in
            data.withUnsafeBytes { src in
                let start = offset - data.startIndex
                dst.copyMemory(from: UnsafeRawBufferPointer(rebasing: src[start..<(start + n * 4)]))
            }
        }
        offset += n * 4
        #if _endian(big)
        for i in out.indices { out[i] = UInt32(littleEndian: out[i]) }
        #endif
        return out
    }
}

fileprivate extension Data {
    mutating func appendLE(_ v: UInt32) { Swift.withUnsafeBytes(of: v.littleEndian) { append(contentsOf: $0) } }
    mutating func appendLE(_ v: UInt64) { Swift.withUnsafeBytes(of: v.littleEndian) { append(contentsOf: $0) } }
    mutating func appendLE(array: [UInt32]) {
        #if _endian(big)
        let array = array.map(\.littleEndian)
        #endif
        array.withUnsafeBytes { append(contentsOf: $0) }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The bytes of one immutable segment: either a read-only memory map of a segment file or an owned heap copy.
/// The memory never changes after creation, so sharing it between threads is safe.
final class SegmentStorage: @unchecked Sendable {
    let base: UnsafeRawPointer
    /// Size in bytes.
    let count: Int
    private let isMapped: Bool

    /// Copies `bytes` into owned memory.
    init(copying bytes: [UInt8]) {
        let p = UnsafeMutableRawPointer.allocate(byteCount: max(bytes.count, 1), alignment: 16)
        bytes.withUnsafeBytes { src in
            if let s = src.baseAddress { p.copyMemory(from: s, byteCount: bytes.count) }
        }
        base = UnsafeRawPointer(p)
        count = bytes.count
        isMapped = false
    }

    /// Allocates `byteCount` bytes and lets `fill` write them.
    init(byteCount: Int, fill: (UnsafeMutableRawPointer) -> Void) {
        let p = UnsafeMutableRawPointer.allocate(byteCount: max(byteCount, 1), alignment: 16)
        fill(p)
        base = UnsafeRawPointer(p)
        count = byteCount
        isMapped = false
    }

    /// Maps the file at `path` read-only.
    init(mapping path: String) throws(SearchError) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw SearchError(.io, "cannot open segment file \(path)", cause: String(cString: strerror(errno))) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw SearchError(.io, "cannot stat segment file \(path)") }
        let size = Int(st.st_size)
        guard size > 0 else { throw SearchError(.corruptIndex, "segment file \(path) is empty") }
        guard let p = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED else {
            throw SearchError(.io, "cannot map segment file \(path)", cause: String(cString: strerror(errno)))
        }
        base = UnsafeRawPointer(p)
        count = size
        isMapped = true
    }

    deinit {
        if isMapped {
            munmap(UnsafeMutableRawPointer(mutating: base), count)
        } else {
            UnsafeMutableRawPointer(mutating: base).deallocate()
        }
    }

    @inline(__always)
    func load<T: FixedWidthInteger>(_ offset: Int, as type: T.Type) -> T {
        base.loadUnaligned(fromByteOffset: offset, as: T.self)
    }
}

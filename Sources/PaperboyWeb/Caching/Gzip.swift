import CZlib
import Foundation
import NIOCore

/// gzip (RFC 1952) compression of whole response bodies through the system zlib.
///
/// Brotli is not offered: neither the package mirror nor Debian's `-dev` packages here carry a maintained Swift
/// brotli binding, and gzip at level 6 already takes `/api/daily_papers` from 269 KB to about a fifth of that.
enum Gzip {
    /// Level 6 for bodies kept in the cache (compressed once, sent many times); level 1 for bodies compressed
    /// per request (signed-in pages, feeds), where CPU time per request matters more than the last bytes.
    static let cachedLevel: Int32 = 6
    static let perRequestLevel: Int32 = 1

    /// Bodies smaller than this are sent as they are: the gzip header and a round trip through zlib cost more
    /// than they save.
    static let minimumSize = 512

    /// `bytes` gzipped at `level`, or `nil` if zlib fails (the caller then sends the identity body).
    static func compress(_ bytes: ByteBuffer, level: Int32) -> ByteBuffer? {
        // zlib keeps a pointer back to the stream: it lives at one heap address for the whole call.
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer {
            deflateEnd(stream)
            stream.deinitialize(count: 1)
            stream.deallocate()
        }
        // windowBits 15 + 16: a gzip wrapper rather than zlib's.
        guard deflateInit2_(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
                            Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        let input = bytes.readableBytes
        let bound = Int(deflateBound(stream, uLong(input)))
        var output = ByteBufferAllocator().buffer(capacity: bound)
        var finished = false
        bytes.withUnsafeReadableBytes { source in
            _ = output.writeWithUnsafeMutableBytes(minimumWritableBytes: bound) { target in
                stream.pointee.next_in = UnsafeMutablePointer(
                    mutating: source.baseAddress?.assumingMemoryBound(to: Bytef.self))
                stream.pointee.avail_in = uInt(input)
                stream.pointee.next_out = target.baseAddress?.assumingMemoryBound(to: Bytef.self)
                stream.pointee.avail_out = uInt(target.count)
                guard deflate(stream, Z_FINISH) == Z_STREAM_END else { return 0 }
                finished = true
                return target.count - Int(stream.pointee.avail_out)
            }
        }
        return finished ? output : nil
    }

    /// Whether the request's `Accept-Encoding` allows gzip (a `q=0` refuses it).
    static func accepted(_ header: String?) -> Bool {
        guard let header else { return false }
        for part in header.split(separator: ",") {
            let fields = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let coding = fields.first, coding == "gzip" || coding == "x-gzip" || coding == "*" else { continue }
            let q = fields.dropFirst().first(where: { $0.hasPrefix("q=") }).flatMap { Double($0.dropFirst(2)) } ?? 1
            return q > 0
        }
        return false
    }
}

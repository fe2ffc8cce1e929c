/// LEB128 variable-length integers (7 bits per byte, high bit = more bytes follow).
enum VarInt {
    @inline(__always)
    static func append(_ value: UInt32, to out: inout [UInt8]) {
        if value < 0x80 {
            out.append(UInt8(value))
            return
        }
        var bytes: (UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0)
        var n = 0
        var v = value
        withUnsafeMutableBytes(of: &bytes) { buffer in
            while v >= 0x80 {
                buffer[n] = UInt8(truncatingIfNeeded: v) | 0x80
                v >>= 7
                n += 1
            }
            buffer[n] = UInt8(v)
            n += 1
        }
        withUnsafeBytes(of: &bytes) { out.append(contentsOf: UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
    }

    /// Reads one value at `p`, advancing `p`.
    @inline(__always)
    static func read(_ p: inout UnsafePointer<UInt8>) -> UInt32 {
        var b = p.pointee
        p += 1
        if b < 0x80 { return UInt32(b) }
        var v = UInt32(b & 0x7F)
        var shift: UInt32 = 7
        repeat {
            b = p.pointee
            p += 1
            v |= UInt32(b & 0x7F) << shift
            shift += 7
        } while b >= 0x80 && shift < 35
        return v
    }
}

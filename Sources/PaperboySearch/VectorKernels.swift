/// Dot products and normalisation for float32 vectors.
///
/// Release builds use `SIMD16<Float>` with four independent accumulators (operations that lower to
/// baseline x86-64 SSE2: no fused multiply-add); debug builds use a plain loop, because generic SIMD code
/// is ~100× slower unoptimised.
enum VectorKernels {
    typealias V = SIMD16<Float>

    /// `Σ a[i]·b[i]` over `count` floats.
    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        #if DEBUG
        var s: Float = 0
        for i in 0..<count { s += a[i] * b[i] }
        return s
        #else
        return dotSIMD(a, b, count: count)
        #endif
    }

    /// The SIMD dot product (used by release builds; tested in both).
    @inline(__always)
    static func dotSIMD(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
        var s0 = V(), s1 = V(), s2 = V(), s3 = V()
        var i = 0
        let stride = MemoryLayout<V>.stride
        while i + 64 <= count {
            let o = i * 4
            s0 += ra.loadUnaligned(fromByteOffset: o, as: V.self) * rb.loadUnaligned(fromByteOffset: o, as: V.self)
            s1 += ra.loadUnaligned(fromByteOffset: o + stride, as: V.self) * rb.loadUnaligned(fromByteOffset: o + stride, as: V.self)
            s2 += ra.loadUnaligned(fromByteOffset: o + 2 * stride, as: V.self) * rb.loadUnaligned(fromByteOffset: o + 2 * stride, as: V.self)
            s3 += ra.loadUnaligned(fromByteOffset: o + 3 * stride, as: V.self) * rb.loadUnaligned(fromByteOffset: o + 3 * stride, as: V.self)
            i += 64
        }
        while i + 16 <= count {
            s0 += ra.loadUnaligned(fromByteOffset: i * 4, as: V.self) * rb.loadUnaligned(fromByteOffset: i * 4, as: V.self)
            i += 16
        }
        let v = (s0 + s1) + (s2 + s3)
        let h8 = v.lowHalf + v.highHalf
        let h4 = h8.lowHalf + h8.highHalf
        var s = (h4[0] + h4[2]) + (h4[1] + h4[3])
        while i < count {
            s += a[i] * b[i]
            i += 1
        }
        return s
    }

    /// `v / ‖v‖` (a zero vector stays zero).
    static func normalized(_ v: [Float]) -> [Float] {
        var norm: Float = 0
        for x in v { norm += x * x }
        norm = norm.squareRoot()
        guard norm > 0, norm.isFinite else { return v }
        return v.map { $0 / norm }
    }
}

import CKernels

/// Dot products and normalisation for float32 vectors.
///
/// The products run on the `CKernels` C target (AVX-512F, AVX2+FMA or portable code, picked at run time from the
/// CPU): Swift has no per-function target attribute, and without a `-target-cpu` flag its `SIMD16` code lowers to
/// SSE2 with no fused multiply-add — about 4× slower than AVX-512 on the exact scan.
enum VectorKernels {
    /// `Σ a[i]·b[i]` over `count` floats.
    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        var out: Float = 0
        pb_dot_rows(a, b, 1, Int32(count), &out)
        return out
    }

    /// `out[i] = q · rows[i]` for `n` rows of `dimension` floats, row-major.
    @inline(__always)
    static func dotRows(_ q: UnsafePointer<Float>, _ rows: UnsafePointer<Float>, count n: Int, dimension: Int,
                        into out: UnsafeMutablePointer<Float>) {
        pb_dot_rows(q, rows, n, Int32(dimension), out)
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

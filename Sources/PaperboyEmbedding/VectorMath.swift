/// Element-wise kernels of the encoder (LayerNorm, GELU, softmax, bias rows), on raw row-major buffers.
///
/// GELU and softmax have two implementations: ``ScalarMath`` (libm `erff`/`expf`) in debug builds, where
/// generic `SIMD16` code runs ~100× slower than optimised, and the SIMD versions below in release builds.
/// Both are unit-tested against libm; end-to-end parity holds for either.
///
/// The SIMD versions use `SIMD16<Float>` with operations that lower to baseline x86-64 (SSE2) instructions: no fused
/// multiply-add and no `rounded()`, which become library calls without a `-target-cpu` flag.
enum VectorMath {
    typealias V = SIMD16<Float>

    @inline(__always)
    static func load(_ p: UnsafePointer<Float>) -> V {
        UnsafeRawPointer(p).loadUnaligned(as: V.self)
    }

    @inline(__always)
    static func store(_ v: V, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: V.self)
    }

    /// `exp(x)` for 16 lanes (Cephes `expf` polynomial, relative error ≈ 2e-7; inputs clamped to [-87.3, 88.7]).
    @inline(__always)
    static func exp(_ input: V) -> V {
        var x = input.replacing(with: V(repeating: -87.33654), where: input .< V(repeating: -87.33654))
        x = x.replacing(with: V(repeating: 88.72283), where: x .> V(repeating: 88.72283))
        let magic = V(repeating: 12_582_912) // 1.5 * 2^23: adding it rounds to an integer
        let t = x * V(repeating: 1.442_695_04) + magic
        let n = t - magic
        var r = x - n * V(repeating: 0.693_359_375)
        r = r - n * V(repeating: -2.121_944_4e-4)
        var y = V(repeating: 1.987_569_15e-4)
        y = y * r + V(repeating: 1.398_199_95e-3)
        y = y * r + V(repeating: 8.333_451_9e-3)
        y = y * r + V(repeating: 4.166_579_59e-2)
        y = y * r + V(repeating: 1.666_666_55e-1)
        y = y * r + V(repeating: 5.000_000_12e-1)
        y = y * (r * r) + r + V(repeating: 1)
        // t's low mantissa bits hold n: bits(t) = 0x4B40_0000 + n.
        let bits = unsafeBitCast(t, to: SIMD16<UInt32>.self) &- 0x4B40_0000 &+ 127
        let scale = unsafeBitCast(bits &<< 23, to: V.self)
        return y * scale
    }

    /// GELU with the erf form, `0.5 · x · (1 + erf(x / √2))`, as PyTorch's default `gelu`.
    /// erf is the odd/even rational approximation `z·P(z²)/Q(z²)` on `z ∈ [-4, 4]` (as in Eigen and XLA;
    /// a few ulp, and ±1 to float precision outside), so no `exp` is needed.
    @inline(__always)
    static func gelu(_ x: V) -> V {
        var z = x * V(repeating: 0.707_106_77)
        z = z.replacing(with: V(repeating: 4), where: z .> V(repeating: 4))
        z = z.replacing(with: V(repeating: -4), where: z .< V(repeating: -4))
        let z2 = z * z
        var p = z2 * V(repeating: -2.726_142_3e-10) + V(repeating: 2.770_681_4e-8)
        p = z2 * p + V(repeating: -2.101_024e-6)
        p = z2 * p + V(repeating: -5.692_506_4e-5)
        p = z2 * p + V(repeating: -7.349_906_3e-4)
        p = z2 * p + V(repeating: -2.954_6e-3)
        p = z2 * p + V(repeating: -1.609_603_3e-2)
        p = z * p
        var q = z2 * V(repeating: -1.456_607_2e-5) + V(repeating: -2.133_740_6e-4)
        q = z2 * q + V(repeating: -1.682_827e-3)
        q = z2 * q + V(repeating: -7.373_329_2e-3)
        q = z2 * q + V(repeating: -1.426_473_9e-2)
        let erf = p / q
        return V(repeating: 0.5) * x * (V(repeating: 1) + erf)
    }

    /// Applies GELU in place to `count` floats.
    static func gelu(_ p: UnsafeMutablePointer<Float>, count: Int) {
        #if DEBUG
        ScalarMath.gelu(p, count: count)
        #else
        geluSIMD(p, count: count)
        #endif
    }

    /// Row-wise softmax in place over `rows` rows of `cols` floats, rows `stride` floats apart.
    /// With `inverseSums` (`[rows]`), rows are left unnormalised (`exp(x - max)`) and `1 / Σ` of each row is
    /// written there instead, so the caller can scale a narrower product later.
    static func softmaxRows(_ p: UnsafeMutablePointer<Float>, rows: Int, cols: Int, stride: Int, inverseSums: UnsafeMutablePointer<Float>? = nil) {
        #if DEBUG
        ScalarMath.softmaxRows(p, rows: rows, cols: cols, stride: stride, inverseSums: inverseSums)
        #else
        softmaxRowsSIMD(p, rows: rows, cols: cols, stride: stride, inverseSums: inverseSums)
        #endif
    }

    /// SIMD GELU (release builds).
    static func geluSIMD(_ p: UnsafeMutablePointer<Float>, count: Int) {
        var i = 0
        while i + 16 <= count {
            store(gelu(load(p + i)), p + i)
            i += 16
        }
        if i < count { applyTail(p + i, count: count - i) { gelu($0) } }
    }

    /// Row-wise LayerNorm: `out[r] = (x[r] - mean) / sqrt(var + eps) * weight + bias`, for `rows` rows of `width`.
    /// `input` and `output` are `[rows, width]` and may be the same buffer.
    static func layerNorm(
        _ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, rows: Int, width: Int,
        weight: UnsafePointer<Float>, bias: UnsafePointer<Float>, eps: Float
    ) {
        #if DEBUG
        ScalarMath.layerNorm(input, output, rows: rows, width: width, weight: weight, bias: bias, eps: eps)
        #else
        layerNormSIMD(input, output, rows: rows, width: width, weight: weight, bias: bias, eps: eps)
        #endif
    }

    /// SIMD LayerNorm (release builds).
    static func layerNormSIMD(
        _ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, rows: Int, width: Int,
        weight: UnsafePointer<Float>, bias: UnsafePointer<Float>, eps: Float
    ) {
        let chunks = width / 16
        for r in 0..<rows {
            let x = input + r * width
            let o = output + r * width
            var acc = V()
            for c in 0..<chunks { acc += load(x + c * 16) }
            var sum = horizontalSum(acc)
            for j in (chunks * 16)..<width { sum += x[j] }
            let mean = sum / Float(width)
            let m = V(repeating: mean)
            var sq = V()
            for c in 0..<chunks {
                let d = load(x + c * 16) - m
                sq += d * d
            }
            var variance = horizontalSum(sq)
            for j in (chunks * 16)..<width { variance += (x[j] - mean) * (x[j] - mean) }
            variance /= Float(width)
            let inv = 1 / (variance + eps).squareRoot()
            let s = V(repeating: inv)
            for c in 0..<chunks {
                let k = c * 16
                store((load(x + k) - m) * s * load(weight + k) + load(bias + k), o + k)
            }
            for j in (chunks * 16)..<width { o[j] = (x[j] - mean) * inv * weight[j] + bias[j] }
        }
    }

    /// SIMD softmax (release builds).
    static func softmaxRowsSIMD(_ p: UnsafeMutablePointer<Float>, rows: Int, cols: Int, stride: Int, inverseSums: UnsafeMutablePointer<Float>? = nil) {
        let chunks = cols / 16
        for r in 0..<rows {
            let x = p + r * stride
            var mv = V(repeating: -.infinity)
            for c in 0..<chunks {
                let v = load(x + c * 16)
                mv = mv.replacing(with: v, where: v .> mv)
            }
            var maxValue = horizontalMax(mv)
            for j in (chunks * 16)..<cols { maxValue = Swift.max(maxValue, x[j]) }
            let m = V(repeating: maxValue)
            var acc = V()
            for c in 0..<chunks {
                let e = exp(load(x + c * 16) - m)
                acc += e
                store(e, x + c * 16)
            }
            var sum = horizontalSum(acc)
            if chunks * 16 < cols {
                let tail = cols - chunks * 16
                applyTail(x + chunks * 16, count: tail) { exp($0 - m) }
                for j in (chunks * 16)..<cols { sum += x[j] }
            }
            if let inverseSums {
                inverseSums[r] = 1 / sum
                continue
            }
            let inv = V(repeating: 1 / sum)
            for c in 0..<chunks { store(load(x + c * 16) * inv, x + c * 16) }
            for j in (chunks * 16)..<cols { x[j] *= inv[0] }
        }
    }

    /// Copies the vector `row` (`width` floats) into each of `rows` rows of `dst` (`[rows, width]`).
    static func broadcastRows(_ row: UnsafePointer<Float>, into dst: UnsafeMutablePointer<Float>, rows: Int, width: Int) {
        for r in 0..<rows { (dst + r * width).update(from: row, count: width) }
    }

    /// `dst[r] = src[r] + row` for each of `rows` rows of `width` (`[rows, width]` buffers).
    static func addRow(_ row: UnsafePointer<Float>, to src: UnsafePointer<Float>, into dst: UnsafeMutablePointer<Float>, rows: Int, width: Int) {
        #if DEBUG
        for r in 0..<rows {
            (dst + r * width).update(from: row, count: width)
            ScalarMath.add(src + r * width, into: dst + r * width, count: width)
        }
        #else
        let chunks = width / 16
        for r in 0..<rows {
            let s = src + r * width, d = dst + r * width
            for c in 0..<chunks { store(load(s + c * 16) + load(row + c * 16), d + c * 16) }
            for j in (chunks * 16)..<width { d[j] = s[j] + row[j] }
        }
        #endif
    }

    /// The sum of the 16 lanes, by halving (the generic `sum()` does not vectorise).
    @inline(__always)
    static func horizontalSum(_ v: V) -> Float {
        let h8 = v.lowHalf + v.highHalf
        let h4 = h8.lowHalf + h8.highHalf
        return (h4[0] + h4[2]) + (h4[1] + h4[3])
    }

    /// The largest of the 16 lanes (NaN-oblivious; the generic `max()` does not vectorise).
    @inline(__always)
    static func horizontalMax(_ v: V) -> Float {
        let a8 = v.lowHalf.replacing(with: v.highHalf, where: v.highHalf .> v.lowHalf)
        let a4 = a8.lowHalf.replacing(with: a8.highHalf, where: a8.highHalf .> a8.lowHalf)
        return Swift.max(Swift.max(a4[0], a4[1]), Swift.max(a4[2], a4[3]))
    }

    /// Applies `f` to fewer than 16 floats through a zero-padded vector.
    @inline(__always)
    private static func applyTail(_ p: UnsafeMutablePointer<Float>, count: Int, _ f: (V) -> V) {
        var v = V()
        for j in 0..<count { v[j] = p[j] }
        let y = f(v)
        for j in 0..<count { p[j] = y[j] }
    }
}

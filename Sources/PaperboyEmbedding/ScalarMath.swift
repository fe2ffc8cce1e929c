import Foundation

/// Scalar reference kernels (libm `expf` / `erff`) used by debug builds; see ``VectorMath``.
enum ScalarMath {
    /// GELU, `0.5 · x · (1 + erf(x / √2))`, in place on `count` floats.
    static func gelu(_ p: UnsafeMutablePointer<Float>, count: Int) {
        for i in 0..<count {
            let x = p[i]
            p[i] = 0.5 * x * (1 + erff(x * 0.707_106_77))
        }
    }

    /// Row-wise softmax in place over `rows` rows of `cols` floats, rows `stride` floats apart.
    /// With `inverseSums`, rows stay unnormalised and `1 / Σ` per row is written there (see ``VectorMath``).
    static func softmaxRows(_ p: UnsafeMutablePointer<Float>, rows: Int, cols: Int, stride: Int, inverseSums: UnsafeMutablePointer<Float>? = nil) {
        for r in 0..<rows {
            let x = p + r * stride
            var m = -Float.infinity
            for j in 0..<cols where x[j] > m { m = x[j] }
            var sum: Float = 0
            for j in 0..<cols {
                let e = expf(x[j] - m)
                x[j] = e
                sum += e
            }
            let inv = 1 / sum
            if let inverseSums {
                inverseSums[r] = inv
                continue
            }
            for j in 0..<cols { x[j] *= inv }
        }
    }

    /// Row-wise LayerNorm over `[rows, width]`; `input` and `output` may alias.
    static func layerNorm(
        _ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, rows: Int, width: Int,
        weight: UnsafePointer<Float>, bias: UnsafePointer<Float>, eps: Float
    ) {
        for r in 0..<rows {
            let x = UnsafeBufferPointer(start: input + r * width, count: width)
            let mean = x.reduce(0, +) / Float(width)
            let variance = x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Float(width)
            let inv = 1 / (variance + eps).squareRoot()
            let o = output + r * width
            for j in 0..<width { o[j] = (x[j] - mean) * inv * weight[j] + bias[j] }
        }
    }

    /// `dst[i] += src[i]` for `count` floats.
    static func add(_ src: UnsafePointer<Float>, into dst: UnsafeMutablePointer<Float>, count: Int) {
        for i in 0..<count { dst[i] += src[i] }
    }
}

/// Multi-head scaled dot-product self-attention over packed sequences, with one `cblas_sgemm` per
/// sequence and head for `Q Kᵀ` and one for `softmax(·) V`.
struct SelfAttention {
    let heads: Int
    /// Width of one head (64).
    let headSize: Int

    /// - Parameters:
    ///   - qkv: `[T, 3 · heads · headSize]`: the query, key and value blocks side by side.
    ///   - lengths: the packed sequences' lengths (`Σ = T`).
    ///   - scores: scratch `[maxLength, maxLength]`.
    ///   - rowScales: scratch `[maxLength]` (the softmax denominators).
    ///   - context: output `[T, heads · headSize]`.
    func apply(qkv: UnsafePointer<Float>, lengths: [Int], scores: UnsafeMutablePointer<Float>, rowScales: UnsafeMutablePointer<Float>, context: UnsafeMutablePointer<Float>) {
        let hidden = heads * headSize
        let ld = 3 * hidden
        let scale = 1 / Float(headSize).squareRoot()
        var row = 0
        for length in lengths {
            for head in 0..<heads {
                let q = qkv + row * ld + head * headSize
                let k = q + hidden
                let v = q + 2 * hidden
                // scores[L, L] = scale · Q[L, d] · K[L, d]ᵀ
                BLAS.gemm(transposeB: true, m: length, n: length, k: headSize, alpha: scale, a: q, lda: ld, b: k, ldb: ld, beta: 0, c: scores, ldc: length)
                // Unnormalised exp(scores - rowmax); the 1/Σ per row is applied to the narrower [L, d] product.
                VectorMath.softmaxRows(scores, rows: length, cols: length, stride: length, inverseSums: rowScales)
                // context[L, d] = exp-scores[L, L] · V[L, d], then row r scaled by rowScales[r]
                let out = context + row * hidden + head * headSize
                BLAS.gemm(transposeB: false, m: length, n: headSize, k: length, a: scores, lda: length, b: v, ldb: ld, beta: 0, c: out, ldc: hidden)
                for r in 0..<length {
                    let o = out + r * hidden
                    let s = rowScales[r]
                    for j in 0..<headSize { o[j] *= s }
                }
            }
            row += length
        }
    }
}

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
    ///   - context: output `[T, heads · headSize]`.
    func apply(qkv: UnsafePointer<Float>, lengths: [Int], scores: UnsafeMutablePointer<Float>, context: UnsafeMutablePointer<Float>) {
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
                VectorMath.softmaxRows(scores, rows: length, cols: length, stride: length)
                // context[L, d] = scores[L, L] · V[L, d]
                BLAS.gemm(transposeB: false, m: length, n: headSize, k: length, a: scores, lda: length, b: v, ldb: ld, beta: 0, c: context + row * hidden + head * headSize, ldc: hidden)
            }
            row += length
        }
    }
}

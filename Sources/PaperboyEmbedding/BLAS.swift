import COpenBLAS
import Dispatch

/// Thin wrapper over OpenBLAS `cblas_sgemm` (row-major) and its thread control.
enum BLAS {
    /// `C = alpha · A · op(B) + beta · C`, row-major.
    /// - A: `[m, k]` with leading dimension `lda`.
    /// - B: `[k, n]` (`transposeB == false`, leading dimension `ldb`) or `[n, k]` (`transposeB == true`).
    /// - C: `[m, n]` with leading dimension `ldc`.
    @inline(__always)
    static func gemm(
        transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Float = 1, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        cblas_sgemm(
            CblasRowMajor, CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
            blasint(m), blasint(n), blasint(k), alpha, a, blasint(lda), b, blasint(ldb), beta, c, blasint(ldc)
        )
    }

    /// The OpenBLAS kernel family in use (after ``OpenBLASRuntime``'s one-time check), e.g. `"SkylakeX"`.
    static var coreName: String { OpenBLASRuntime.coreName }

    /// `C = A · Bᵀ (+ beta · C)` with `B` `[n, k]`, the `n` columns split into `parts` column blocks computed on
    /// separate threads (for small `m`, where one sgemm call cannot keep two cores busy).
    static func gemmSplitN(
        parts: Int, m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int, beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        guard parts > 1, n >= 64 * parts else {
            gemm(transposeB: true, m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
            return
        }
        let operands = SplitOperands(a: a, b: b, c: c)
        let block = (n / parts + 15) / 16 * 16
        DispatchQueue.concurrentPerform(iterations: parts) { p in
            let start = p * block
            let width = min(block, n - start)
            guard width > 0 else { return }
            gemm(transposeB: true, m: m, n: width, k: k, a: operands.a, lda: lda, b: operands.b + start * ldb, ldb: ldb,
                 beta: beta, c: operands.c + start, ldc: ldc)
        }
    }

    /// Raw operand pointers handed to the threads of ``gemmSplitN``; each thread writes a disjoint column block.
    private struct SplitOperands: @unchecked Sendable {
        let a: UnsafePointer<Float>
        let b: UnsafePointer<Float>
        let c: UnsafeMutablePointer<Float>
    }

    /// Sets how many threads OpenBLAS uses for each call (process-wide).
    static func setThreads(_ count: Int) {
        openblas_set_num_threads(Int32(max(1, count)))
    }

    /// How many threads OpenBLAS uses for each call.
    static var threads: Int { Int(openblas_get_num_threads()) }
}

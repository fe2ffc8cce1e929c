import COpenBLAS

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

    /// Sets how many threads OpenBLAS uses for each call (process-wide).
    static func setThreads(_ count: Int) {
        openblas_set_num_threads(Int32(max(1, count)))
    }

    /// How many threads OpenBLAS uses for each call.
    static var threads: Int { Int(openblas_get_num_threads()) }
}

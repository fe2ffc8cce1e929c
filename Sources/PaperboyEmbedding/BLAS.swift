import CKernels
import COpenBLAS
import Dispatch

/// Thin wrapper over OpenBLAS `cblas_sgemm` (row-major) and its thread control, plus the choice between
/// sgemm and the `CKernels` row kernel for products with few rows. `package`, not public: the benchmarks in
/// PaperboyBench time it; it is no API of the encoder.
package enum BLAS {
    /// Products with at most this many rows run on `pb_sgemm_packed`, which streams the weights' panels once
    /// instead of packing them on every call as sgemm does (for one query, sgemm spent more time packing the weights
    /// than multiplying). Crossover measured with `paperboy bench kernels` (one pass over all 42 MB of weights,
    /// AVX-512, 1 thread): ahead of sgemm up to ~96 rows on one thread, but longer inputs are split across cores
    /// (``productSplitN``) where sgemm catches up; see ARCHITECTURE.md for the numbers.
    static let rowKernelLimit = 24

    /// `C = A · B + beta · C` with `B` `[k, n]` given both row-major (for sgemm) and packed into panels (for the row
    /// kernel): the row kernel for at most ``rowKernelLimit`` rows, else sgemm.
    @inline(__always)
    static func product(
        m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int, b: PackedMatrix.Pointers,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        if m <= rowKernelLimit {
            pb_sgemm_packed(Int32(m), Int32(n), Int32(k), a, Int32(lda), b.packed, beta, c, Int32(ldc))
        } else {
            gemm(transposeB: false, m: m, n: n, k: k, a: a, lda: lda, b: b.rowMajor, ldb: b.leadingDimension,
                 beta: beta, c: c, ldc: ldc)
        }
    }

    /// `C = alpha · A · op(B) + beta · C`, row-major.
    /// - A: `[m, k]` with leading dimension `lda`.
    /// - B: `[k, n]` (`transposeB == false`, leading dimension `ldb`) or `[n, k]` (`transposeB == true`).
    /// - C: `[m, n]` with leading dimension `ldc`.
    @inline(__always)
    package static func gemm(
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
    package static var coreName: String { OpenBLASRuntime.coreName }

    /// `C = A · B (+ beta · C)` with `B` `[k, n]`, the `n` columns split into `parts` column blocks (whole panels)
    /// computed on separate threads (for small `m`, where one call cannot keep two cores busy).
    static func productSplitN(
        parts: Int, m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int, b: PackedMatrix.Pointers,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        let panel = Int(PB_PANEL_WIDTH)
        guard parts > 1, n >= 2 * panel * parts else {
            product(m: m, n: n, k: k, a: a, lda: lda, b: b, beta: beta, c: c, ldc: ldc)
            return
        }
        let operands = SplitOperands(a: a, b: b, c: c)
        let block = (n / parts + panel - 1) / panel * panel
        DispatchQueue.concurrentPerform(iterations: parts) { p in
            let start = p * block
            let width = min(block, n - start)
            guard width > 0 else { return }
            product(m: m, n: width, k: k, a: operands.a, lda: lda, b: operands.b.columns(from: start),
                    beta: beta, c: operands.c + start, ldc: ldc)
        }
    }

    /// Raw operand pointers handed to the threads of ``productSplitN``; each thread writes a disjoint column block.
    private struct SplitOperands: @unchecked Sendable {
        let a: UnsafePointer<Float>
        let b: PackedMatrix.Pointers
        let c: UnsafeMutablePointer<Float>
    }

    /// Sets how many threads OpenBLAS uses for each call (process-wide).
    package static func setThreads(_ count: Int) {
        openblas_set_num_threads(Int32(max(1, count)))
    }

    /// How many threads OpenBLAS uses for each call.
    static var threads: Int { Int(openblas_get_num_threads()) }
}

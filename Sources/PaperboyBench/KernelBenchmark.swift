import CKernels
import Dispatch
import PaperboyEmbedding

/// Measures the `CKernels` row kernel against `cblas_sgemm` on the encoder's product shapes for growing row
/// counts (where one query's handful of tokens sits), and the vector-scan kernel at each implementation level.
/// Both run single-threaded in the same process, so the ratios hold whatever else loads the machine.
public struct KernelBenchmark: Sendable {
    /// One product shape at one row count.
    public struct ProductRow: Codable, Sendable {
        public var m: Int
        public var n: Int
        public var k: Int
        /// `A · B` with B `[k, n]` (the weights transposed once at load), the same B again and again (in cache).
        public var sgemm_gflops: Double
        /// The row kernel on B packed into panels.
        public var row_kernel_gflops: Double
    }

    /// The scan kernel at one level.
    public struct ScanRow: Codable, Sendable {
        public var level: String
        public var rows: Int
        public var dimension: Int
        public var ms: Double
        public var gb_per_s: Double
    }

    /// One pass over all 24 weight matrices of MiniLM-L6 (42 MB, too large for the caches, as a query sees
    /// them) for `m` rows: the projection and FFN products of one query of `m` tokens, single-threaded.
    public struct ModelPassRow: Codable, Sendable {
        public var m: Int
        public var sgemm_ms: Double
        public var row_kernel_ms: Double
        public var row_kernel_gflops: Double
    }

    public struct Report: Codable, Sendable {
        public var kernel_level: String
        public var blas_core: String
        public var model_pass: [ModelPassRow]
        public var products: [ProductRow]
        public var scan: [ScanRow]
    }

    public var rowCounts: [Int]
    public var scanRows: Int

    public init(rowCounts: [Int] = [1, 4, 8, 16, 24, 32, 64, 256], scanRows: Int = 51_658) {
        self.rowCounts = rowCounts
        self.scanRows = scanRows
    }

    static func levelName(_ level: Int32) -> String {
        switch Int(level) {
        case Int(PB_KERNEL_AVX512): "avx512"
        case Int(PB_KERNEL_AVX2): "avx2+fma"
        default: "portable"
        }
    }

    public func run() -> Report {
        _ = BLAS.coreName // the one-time kernel check must come before the first sgemm
        BLAS.setThreads(1)
        var products: [ProductRow] = []
        let shapes = [(n: 1152, k: 384), (n: 384, k: 384), (n: 1536, k: 384), (n: 384, k: 1536)]
        let maxM = rowCounts.max() ?? 1
        let a = Self.filled(maxM * 1536, seed: 3), b = Self.filled(1536 * 1536, seed: 5)
        let c = UnsafeMutablePointer<Float>.allocate(capacity: maxM * 1536)
        defer { a.deallocate(); b.deallocate(); c.deallocate() }
        for shape in shapes {
            for m in rowCounts {
                let flops = 2.0 * Double(m * shape.n * shape.k)
                let (n, k) = (shape.n, shape.k)
                let sgemm = Self.rate(flops: flops) {
                    BLAS.gemm(transposeB: false, m: m, n: n, k: k, a: a, lda: k, b: b, ldb: n, beta: 0, c: c, ldc: n)
                }
                let panels = Self.packed(b, k: k, n: n)
                defer { panels.deallocate() }
                let row = Self.rate(flops: flops) {
                    pb_sgemm_packed(Int32(m), Int32(n), Int32(k), a, Int32(k), panels, 0, c, Int32(n))
                }
                products.append(ProductRow(m: m, n: n, k: k, sgemm_gflops: sgemm, row_kernel_gflops: row))
            }
        }
        let modelPass = Self.modelPass(rowCounts: [1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128])
        var scan: [ScanRow] = []
        let d = 384
        let rows = Self.filled(scanRows * d, seed: 11), q = Self.filled(d, seed: 13)
        let out = UnsafeMutablePointer<Float>.allocate(capacity: scanRows)
        defer { rows.deallocate(); q.deallocate(); out.deallocate() }
        for level in (0...pb_kernel_level()).reversed() {
            var times: [Double] = []
            for _ in 0..<15 {
                let start = DispatchTime.now()
                pb_dot_rows_level(level, q, rows, scanRows, Int32(d), out)
                times.append(Elapsed.seconds(since: start))
            }
            times.sort()
            let median = times[times.count / 2]
            scan.append(ScanRow(level: Self.levelName(level), rows: scanRows, dimension: d, ms: median * 1000,
                                gb_per_s: Double(scanRows * d * 4) / median / 1e9))
        }
        let codes = UnsafeMutablePointer<Int8>.allocate(capacity: scanRows * d)
        let scales = UnsafeMutablePointer<Float>.allocate(capacity: scanRows)
        defer { codes.deallocate(); scales.deallocate() }
        pb_quantize_rows(rows, scanRows, Int32(d), codes, scales)
        for level in (0...pb_kernel_level()).reversed() {
            var times: [Double] = []
            for _ in 0..<15 {
                let start = DispatchTime.now()
                pb_dot_rows_i8_level(level, q, codes, scales, scanRows, Int32(d), out)
                times.append(Elapsed.seconds(since: start))
            }
            times.sort()
            let median = times[times.count / 2]
            scan.append(ScanRow(level: Self.levelName(level) + " int8", rows: scanRows, dimension: d, ms: median * 1000,
                                gb_per_s: Double(scanRows * d) / median / 1e9))
        }
        return Report(kernel_level: Self.levelName(pb_kernel_level()), blas_core: BLAS.coreName,
                      model_pass: modelPass, products: products, scan: scan)
    }

    /// Median time of one pass over 6 layers' weights (`[384, 1152]`, `[384, 384]`, `[384, 1536]`, `[1536, 384]`)
    /// per row count, for sgemm and the row kernel.
    static func modelPass(rowCounts: [Int]) -> [ModelPassRow] {
        let shapes = Array(repeating: [(k: 384, n: 1152), (k: 384, n: 384), (k: 384, n: 1536), (k: 1536, n: 384)], count: 6)
            .flatMap { $0 }
        let weights = shapes.enumerated().map { filled($0.element.k * $0.element.n, seed: $0.offset) }
        let panels = zip(weights, shapes).map { packed($0, k: $1.k, n: $1.n) }
        let maxM = rowCounts.max() ?? 1
        let a = filled(maxM * 1536, seed: 99)
        let c = UnsafeMutablePointer<Float>.allocate(capacity: maxM * 1536)
        defer {
            weights.forEach { $0.deallocate() }
            panels.forEach { $0.deallocate() }
            a.deallocate()
            c.deallocate()
        }
        func median(_ pass: () -> Void) -> Double {
            pass()
            var times: [Double] = []
            for _ in 0..<21 {
                let start = DispatchTime.now()
                pass()
                times.append(Elapsed.seconds(since: start) * 1000)
            }
            return times.sorted()[times.count / 2]
        }
        return rowCounts.map { m in
            let sgemm = median {
                for (w, shape) in zip(weights, shapes) {
                    BLAS.gemm(transposeB: false, m: m, n: shape.n, k: shape.k, a: a, lda: shape.k, b: w, ldb: shape.n,
                              beta: 0, c: c, ldc: shape.n)
                }
            }
            let row = median {
                for (w, shape) in zip(panels, shapes) {
                    pb_sgemm_packed(Int32(m), Int32(shape.n), Int32(shape.k), a, Int32(shape.k), w, 0, c, Int32(shape.n))
                }
            }
            let flops = 2.0 * Double(m) * shapes.reduce(0.0) { $0 + Double($1.k * $1.n) }
            return ModelPassRow(m: m, sgemm_ms: sgemm, row_kernel_ms: row, row_kernel_gflops: flops / row / 1e6)
        }
    }

    /// GFLOP/s of `body` (best of 5 rounds of ~20 ms each, after a warm-up call).
    static func rate(flops: Double, _ body: () -> Void) -> Double {
        body()
        var best = 0.0
        for _ in 0..<5 {
            let start = DispatchTime.now()
            var calls = 0
            while Elapsed.seconds(since: start) < 0.02 {
                body()
                calls += 1
            }
            best = max(best, flops * Double(calls) / Elapsed.seconds(since: start) / 1e9)
        }
        return best
    }

    /// `b` `[k, n]` packed into panels (caller deallocates).
    static func packed(_ b: UnsafePointer<Float>, k: Int, n: Int) -> UnsafeMutablePointer<Float> {
        let p = UnsafeMutablePointer<Float>.allocate(capacity: pb_packed_count(Int32(k), Int32(n)))
        pb_pack_panels(Int32(k), Int32(n), b, Int32(n), p)
        return p
    }

    static func filled(_ count: Int, seed: Int) -> UnsafeMutablePointer<Float> {
        let p = UnsafeMutablePointer<Float>.allocate(capacity: count)
        for i in 0..<count { p[i] = Float((i &* 2_654_435_761 &+ seed) % 1997) / 1997 - 0.5 }
        return p
    }
}

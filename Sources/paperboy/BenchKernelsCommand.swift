import ArgumentParser
import Foundation
import PaperboyBench
import PaperboyEmbedding

struct BenchKernels: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kernels",
        abstract: "The row kernel against cblas_sgemm on the encoder's shapes by row count, and the vector-scan kernel.",
        discussion: "Single-threaded, in one process. Use a release build (`swift build -c release`)."
    )

    @Flag(help: "Print one JSON object.")
    var json = false

    func run() throws {
        let report = KernelBenchmark().run()
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
            return
        }
        print("kernels: \(report.kernel_level), OpenBLAS core \(report.blas_core), 1 thread")
        print("one pass over all 24 weight matrices (42 MB), per row count, ms:")
        print("rows   sgemm  row kernel  (GFLOP/s)")
        for row in report.model_pass {
            print(String(format: "%4d %7.2f %11.2f %10.1f", row.m, row.sgemm_ms, row.row_kernel_ms, row.row_kernel_gflops))
        }
        print("one product, the same weights again and again (in cache), GFLOP/s:")
        print("rows    n     k    sgemm  row kernel")
        for row in report.products {
            print(String(format: "%4d %5d %5d %8.1f %11.1f", row.m, row.n, row.k, row.sgemm_gflops, row.row_kernel_gflops))
        }
        for row in report.scan {
            print(String(format: "scan %@: %d × %d in %.2f ms (%.1f GB/s)", row.level, row.rows, row.dimension,
                         row.ms, row.gb_per_s))
        }
    }
}

import Foundation
import Testing
@testable import PaperboyEmbedding

@Suite("Numeric support")
struct SupportTests {
    @Test func batchPlanSortsByLengthWithinBudget() {
        let plan = BatchPlan(lengths: [5, 100, 7, 100, 3], tokenBudget: 110)
        #expect(plan.batches == [[1], [3, 2], [0, 4]])
        #expect(plan.maxBatchTokens == 107)
        #expect(BatchPlan(lengths: [], tokenBudget: 10).batches.isEmpty)
    }

    @Test(arguments: [false, true])
    func vectorMathMatchesLibm(simd: Bool) {
        var xs: [Float] = stride(from: -12, through: 12, by: 0.37).map { Float($0) }
        for cols in [xs.count, 16, 5] {
            var e = xs.prefix(cols).map { $0 * 4 }
            e.withUnsafeMutableBufferPointer {
                if simd {
                    VectorMath.softmaxRowsSIMD($0.baseAddress!, rows: 1, cols: cols, stride: cols)
                } else {
                    ScalarMath.softmaxRows($0.baseAddress!, rows: 1, cols: cols, stride: cols)
                }
            }
            let m = xs.prefix(cols).map { $0 * 4 }.max()!
            let ref = xs.prefix(cols).map { Foundation.exp(Double($0 * 4 - m)) }
            let total = ref.reduce(0, +)
            for (a, b) in zip(e, ref) { #expect(abs(Double(a) - b / total) < 1e-6) }
        }
        xs = stride(from: -12, through: 12, by: 0.01).map { Float($0) }
        let original = xs
        xs.withUnsafeMutableBufferPointer {
            if simd { VectorMath.geluSIMD($0.baseAddress!, count: $0.count) } else { ScalarMath.gelu($0.baseAddress!, count: $0.count) }
        }
        for (y, x) in zip(xs, original) {
            let exact = 0.5 * Double(x) * (1 + erf(Double(x) / 2.0.squareRoot()))
            #expect(abs(Double(y) - exact) < 1e-6 + 1e-6 * abs(exact), "gelu(\(x))")
        }
    }

    @Test(arguments: [false, true])
    func layerNormMatchesDefinition(simd: Bool) {
        let width = 40
        var x = (0..<(2 * width)).map { Float(($0 * 37) % 23) - 11 }
        let gamma = (0..<width).map { 1 + Float($0) / 100 }
        let beta = (0..<width).map { Float($0) / 50 }
        let input = x
        x.withUnsafeMutableBufferPointer { p in
            if simd {
                VectorMath.layerNormSIMD(p.baseAddress!, p.baseAddress!, rows: 2, width: width, weight: gamma, bias: beta, eps: 1e-12)
            } else {
                ScalarMath.layerNorm(p.baseAddress!, p.baseAddress!, rows: 2, width: width, weight: gamma, bias: beta, eps: 1e-12)
            }
        }
        for r in 0..<2 {
            let row = input[(r * width)..<((r + 1) * width)].map(Double.init)
            let mean = row.reduce(0, +) / Double(width)
            let variance = row.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(width)
            for j in 0..<width {
                let expected = (row[j] - mean) / variance.squareRoot() * Double(gamma[j]) + Double(beta[j])
                #expect(abs(Double(x[r * width + j]) - expected) < 1e-4)
            }
        }
    }
}

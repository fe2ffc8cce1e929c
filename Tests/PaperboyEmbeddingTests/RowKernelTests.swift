import CKernels
import Testing

/// The `CKernels` products at every level this CPU supports, against a double-precision reference.
@Suite struct RowKernelTests {
    /// Deterministic values in [-1, 1).
    struct Values {
        var state: UInt64
        mutating func next(_ count: Int) -> [Float] {
            (0..<count).map { _ in
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return Float(Int64(bitPattern: state >> 11) % 2_000_000) / 1_000_000 - 1
            }
        }
    }

    static var levels: [Int32] {
        let best = pb_kernel_level()
        return [Int32(PB_KERNEL_PORTABLE), Int32(PB_KERNEL_AVX2), Int32(PB_KERNEL_AVX512)].filter { $0 <= best }
    }

    @Test(arguments: [(1, 1, 1), (1, 384, 384), (3, 5, 17), (4, 64, 16), (5, 70, 33), (10, 1152, 384), (13, 6, 1536),
                      (7, 16, 64), (2, 81, 15), (17, 19, 100), (6, 128, 3), (12, 96, 40), (24, 33, 20), (25, 64, 9),
                      (40, 31, 7)])
    func packedProductMatchesReference(m: Int, n: Int, k: Int) {
        var values = Values(state: UInt64(m * 7 + n * 3 + k))
        // B is [k, n]; leading dimensions wider than the rows.
        let lda = k + 2, ldb = n + 5, ldc = n + 3
        let a = values.next(m * lda), b = values.next(k * ldb), start = values.next(m * ldc)
        var packed = [Float](repeating: .nan, count: pb_packed_count(Int32(k), Int32(n)))
        pb_pack_panels(Int32(k), Int32(n), b, Int32(ldb), &packed)
        let padded = packed.allSatisfy { $0.isFinite }
        #expect(padded, "padding is zero-filled")
        var reference = start
        for i in 0..<m {
            for j in 0..<n {
                var sum = 0.0
                for p in 0..<k { sum += Double(a[i * lda + p]) * Double(b[p * ldb + j]) }
                reference[i * ldc + j] = Float(-1.5 * Double(start[i * ldc + j]) + sum)
            }
        }
        for level in Self.levels {
            var c = start
            pb_sgemm_packed_level(level, Int32(m), Int32(n), Int32(k), a, Int32(lda), packed, -1.5, &c, Int32(ldc))
            var worst: Float = 0
            for i in 0..<m {
                for j in 0..<n { worst = max(worst, abs(c[i * ldc + j] - reference[i * ldc + j])) }
                // Padding columns between rows are never written.
                for j in n..<ldc { #expect(c[i * ldc + j] == start[i * ldc + j]) }
            }
            #expect(worst < 1e-4 * Float(max(k, 1)).squareRoot(), "level \(level), \(m)×\(n)×\(k): off by \(worst)")
        }
    }

    /// A column block starting at a panel boundary, as the encoder's two threads compute them.
    @Test func columnBlocksMatchTheWholeProduct() {
        var values = Values(state: 5)
        let m = 9, n = 96, k = 50
        let a = values.next(m * k), b = values.next(k * n)
        var packed = [Float](repeating: 0, count: pb_packed_count(Int32(k), Int32(n)))
        pb_pack_panels(Int32(k), Int32(n), b, Int32(n), &packed)
        var whole = [Float](repeating: 0, count: m * n), split = whole
        pb_sgemm_packed(Int32(m), Int32(n), Int32(k), a, Int32(k), packed, 0, &whole, Int32(n))
        packed.withUnsafeBufferPointer { p in
            split.withUnsafeMutableBufferPointer { c in
                pb_sgemm_packed(Int32(m), 32, Int32(k), a, Int32(k), p.baseAddress!, 0, c.baseAddress!, Int32(n))
                pb_sgemm_packed(Int32(m), 64, Int32(k), a, Int32(k), p.baseAddress! + k * 32, 0, c.baseAddress! + 32, Int32(n))
            }
        }
        #expect(whole == split)
    }

    @Test func betaZeroIgnoresGarbageInC() {
        var values = Values(state: 7)
        let a = values.next(3 * 20), b = values.next(20 * 5)
        var packed = [Float](repeating: 0, count: pb_packed_count(20, 5))
        pb_pack_panels(20, 5, b, 5, &packed)
        for level in Self.levels {
            var c = [Float](repeating: .nan, count: 15)
            pb_sgemm_packed_level(level, 3, 5, 20, a, 20, packed, 0, &c, 5)
            let finite = c.allSatisfy { $0.isFinite }
            #expect(finite, "level \(level)")
        }
    }

    @Test(arguments: [1, 2, 3, 31, 1000])
    func dotRowsMatchReference(rows: Int) {
        for d in [1, 7, 16, 33, 384] {
            var values = Values(state: UInt64(rows * 31 + d))
            let q = values.next(d), matrix = values.next(rows * d)
            for level in Self.levels {
                var out = [Float](repeating: .nan, count: rows)
                pb_dot_rows_level(level, q, matrix, rows, Int32(d), &out)
                for r in 0..<rows {
                    var sum = 0.0
                    for p in 0..<d { sum += Double(q[p]) * Double(matrix[r * d + p]) }
                    #expect(abs(Double(out[r]) - sum) < 1e-4, "level \(level), row \(r) of \(rows), d \(d)")
                }
            }
        }
    }

    @Test func int8RowsMatchTheQuantisedReference() {
        for d in [1, 15, 16, 33, 384] {
            var values = Values(state: UInt64(d))
            let rows = 37
            let q = values.next(d), matrix = values.next(rows * d)
            var codes = [Int8](repeating: 0, count: rows * d), scales = [Float](repeating: 0, count: rows)
            pb_quantize_rows(matrix, rows, Int32(d), &codes, &scales)
            for r in 0..<rows {
                // Every code decodes to within half a step of the float it came from.
                for p in 0..<d {
                    #expect(abs(Float(codes[r * d + p]) * scales[r] - matrix[r * d + p]) <= scales[r] * 0.5 + 1e-7)
                }
            }
            for level in Self.levels {
                var out = [Float](repeating: .nan, count: rows)
                pb_dot_rows_i8_level(level, q, codes, scales, rows, Int32(d), &out)
                for r in 0..<rows {
                    var sum = 0.0
                    for p in 0..<d { sum += Double(q[p]) * Double(codes[r * d + p]) }
                    #expect(abs(Double(out[r]) - sum * Double(scales[r])) < 1e-3, "level \(level), row \(r), d \(d)")
                }
            }
        }
        // An all-zero row has scale 0 and scores 0.
        var codes = [Int8](repeating: 1, count: 4), scales: [Float] = [1]
        pb_quantize_rows([0, 0, 0, 0], 1, 4, &codes, &scales)
        #expect(codes == [0, 0, 0, 0] && scales == [0])
    }

    @Test func reportsAKnownLevel() {
        #expect((0...2).contains(Int(pb_kernel_level())))
    }
}

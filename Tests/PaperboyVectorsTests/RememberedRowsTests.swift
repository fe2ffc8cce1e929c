import PaperboyVectors
import Testing

@Suite("VectorIndex.scores with remembered rows")
struct RememberedRowsTests {
    @Test func staleOrWrongRowsAreLookedUpAgainNeverScoredWrong() throws {
        var index = VectorIndex(configuration: .init(dimension: 2))
        try index.add(id: "a", vector: [1, 0])
        try index.add(id: "b", vector: [0, 1])
        try index.add(id: "c", vector: [1, 1])
        let ids = ["a", "b", "c", "missing"]
        var rows: [Int32] = [2, 0, 7, 1] // all wrong: another id's row, out of range, a row for a missing id
        let first = try index.scores([1, 0], ids: ids, rows: &rows)
        #expect(first == fresh(index, ids))
        #expect(rows[3] == -1 && rows[0] >= 0)
        _ = index.remove(id: "a")
        try index.add(id: "a", vector: [0, 1]) // a new row; the remembered one is now a tombstone
        let again = try index.scores([1, 0], ids: ids, rows: &rows)
        #expect(again == fresh(index, ids))
        #expect(again[0].map { abs($0) < 1e-6 } == true, "the new vector of a, not the old row's")
    }

    @Test func quantizedScoresStayWithinTheirBoundAndKeepMissingIdsMissing() throws {
        var index = VectorIndex(configuration: .init(dimension: 64))
        var rng = SystemRandomNumberGenerator()
        var ids: [String] = []
        for i in 0..<300 {
            ids.append("p\(i)")
            try index.add(id: "p\(i)", vector: (0..<64).map { _ in Float.random(in: -1...1, using: &rng) })
        }
        ids.append("missing")
        let query = (0..<64).map { _ in Float.random(in: -1...1, using: &rng) }
        var exactRows = [Int32](repeating: -1, count: ids.count), quantizedRows = exactRows
        let exact = try index.scores(query, ids: ids, rows: &exactRows)
        let quantized = try index.scores(query, ids: ids, rows: &quantizedRows, quantized: true)
        let bound = try index.quantizedErrorBound(query)
        #expect(bound > 0 && bound < 0.05, "int8 codes of unit vectors: a small bound (\(bound))")
        #expect(quantizedRows == exactRows)
        #expect(quantized.last! == nil && exact.last! == nil)
        var worst: Float = 0
        for (e, q) in zip(exact.dropLast(), quantized.dropLast()) {
            let error = abs(e! - q!)
            worst = max(worst, error)
            #expect(error <= bound)
        }
        #expect(worst > 0, "the int8 path was taken (its products are not bit-identical to float32)")
    }

    /// The scores with nothing remembered, checked against the index's own exact search.
    func fresh(_ index: VectorIndex, _ ids: [String]) -> [Float?] {
        var none = [Int32](repeating: -1, count: ids.count)
        let scores = (try? index.scores([1, 0], ids: ids, rows: &none)) ?? []
        let exact = Dictionary(((try? index.exactSearch([1, 0], k: 10)) ?? []).map { ($0.id, $0.score) }, uniquingKeysWith: max)
        #expect(scores == ids.map { exact[$0] })
        return scores
    }
}

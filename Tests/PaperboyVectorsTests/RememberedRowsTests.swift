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

    /// The scores with nothing remembered, checked against the index's own exact search.
    func fresh(_ index: VectorIndex, _ ids: [String]) -> [Float?] {
        var none = [Int32](repeating: -1, count: ids.count)
        let scores = (try? index.scores([1, 0], ids: ids, rows: &none)) ?? []
        let exact = Dictionary(((try? index.exactSearch([1, 0], k: 10)) ?? []).map { ($0.id, $0.score) }, uniquingKeysWith: max)
        #expect(scores == ids.map { exact[$0] })
        return scores
    }
}

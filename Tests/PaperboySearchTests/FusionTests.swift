import Testing
@testable import PaperboySearch

@Suite("Fusion")
struct FusionTests {
    typealias S = SearchHit

    @Test func reciprocalRankByHand() {
        let lexical = [S(id: "a", score: 9), S(id: "b", score: 5), S(id: "c", score: 1)]
        let dense = [S(id: "b", score: 0.9), S(id: "d", score: 0.8), S(id: "a", score: 0.1)]
        let fused = Fusion.reciprocalRank([lexical, dense], k: 60)
        // a: 1/61 + 1/63, b: 1/62 + 1/61, c: 1/63, d: 1/62
        #expect(fused.map(\.id) == ["b", "a", "d", "c"])
        #expect(abs(fused[0].score - (1.0 / 62 + 1.0 / 61)) < 1e-7)
        #expect(abs(fused[1].score - (1.0 / 61 + 1.0 / 63)) < 1e-7)
        #expect(abs(fused[3].score - 1.0 / 63) < 1e-7)
    }

    @Test func normalizedSumByHand() {
        let lexical = [S(id: "a", score: 10), S(id: "b", score: 6), S(id: "c", score: 2)]   // → 1, 0.5, 0
        let dense = [S(id: "c", score: 0.9), S(id: "b", score: 0.7), S(id: "a", score: 0.5)] // → 1, 0.5, 0
        let fused = Fusion.normalizedSum([lexical, dense], weights: [0.3, 0.7])
        // a: 0.3, b: 0.15 + 0.35 = 0.5, c: 0.7
        #expect(fused.map(\.id) == ["c", "b", "a"])
        #expect(abs(fused[0].score - 0.7) < 1e-6 && abs(fused[1].score - 0.5) < 1e-6 && abs(fused[2].score - 0.3) < 1e-6)
    }

    @Test func missingDocumentsAndTiesAreDeterministic() {
        let one = [S(id: "x", score: 1)]
        #expect(Fusion.normalizedSum([one, []], weights: [0.5, 0.5]) == [S(id: "x", score: 0.5)])
        let tie = Fusion.reciprocalRank([[S(id: "b", score: 1)], [S(id: "a", score: 1)]])
        #expect(tie.map(\.id) == ["a", "b"])
        #expect(Fusion.reciprocalRank([]).isEmpty)
    }

    @Test func zScoreByHand() {
        // lexical 10, 6, 2: mean 6, σ = √(32/3) → a +1.2247, b 0, c −1.2247; dense only b and d: 0.9, 0.5 → b +1, d −1.
        let lexical = [S(id: "a", score: 10), S(id: "b", score: 6), S(id: "c", score: 2)]
        let dense = [S(id: "b", score: 0.9), S(id: "d", score: 0.5)]
        let fused = Fusion.normalizedSum([lexical, dense], weights: [0.5, 0.5], normalization: .zScore)
        let z: Float = 4 / (32.0 / 3.0 as Float).squareRoot()
        // Missing from a list = that list's lowest value: a gets dense −1, d gets lexical −z.
        let expected: [String: Float] = ["a": 0.5 * z - 0.5, "b": 0.5, "c": -0.5 * z - 0.5, "d": -0.5 * z - 0.5]
        for hit in fused { #expect(abs(hit.score - expected[hit.id]!) < 1e-5, "\(hit.id)") }
        #expect(fused.map(\.id) == ["b", "a", "c", "d"])
    }

    @Test func denseFillAddsExactCosinesOfLexicalOnlyCandidates() {
        let dense = [S(id: "a", score: 0.8), S(id: "b", score: 0.6)]
        let lexical = [S(id: "c", score: 9), S(id: "a", score: 5), S(id: "e", score: 1)]
        let cosines: [String: Float] = ["c": 0.7, "e": 0.1]
        let filled = Fusion.filled(dense, from: lexical) { cosines[$0] }
        #expect(filled == [S(id: "a", score: 0.8), S(id: "c", score: 0.7), S(id: "b", score: 0.6), S(id: "e", score: 0.1)])
        // A candidate without a vector is left out.
        let none = Fusion.filled([], from: [S(id: "x", score: 1)]) { _ in nil }
        #expect(none.isEmpty)
    }
}

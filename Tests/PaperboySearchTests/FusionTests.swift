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
}

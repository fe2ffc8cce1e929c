import Testing
import PaperboySearch

@Suite struct HighlighterTests {
    @Test func snippetCentersOnMatches() {
        let filler = String(repeating: "Background words about unrelated topics. ", count: 12)
        let text = filler + "Our sparse attention kernels make sparsity practical on GPUs. " + filler
        let snippet = Highlighter(maxLength: 200).snippet(query: "sparse attention", text: text)
        #expect(snippet.text.utf8.count <= 210)
        #expect(snippet.text.hasPrefix("… "))
        let marked = snippet.segments.filter(\.isMatch).map(\.text)
        #expect(marked == ["sparse", "attention", "sparsity"])
        for r in snippet.highlights { #expect(!snippet.text[r].isEmpty) }
    }

    @Test func shortTextIsKeptWhole() {
        let snippet = Highlighter().snippet(query: "naïve", text: "A naive\nbaseline; NAÏVE again.")
        #expect(snippet.text == "A naive baseline; NAÏVE again.")
        #expect(snippet.segments.filter(\.isMatch).map(\.text) == ["naive", "NAÏVE"])
    }

    @Test func noMatchGivesTheStart() {
        let text = String(repeating: "word ", count: 100)
        let snippet = Highlighter(maxLength: 50).snippet(query: "zebra", text: text)
        #expect(snippet.highlights.isEmpty)
        #expect(snippet.text.hasSuffix(" …"))
        #expect(!snippet.text.hasPrefix("…"))
    }
}

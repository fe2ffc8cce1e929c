import Testing
import PaperboySearch

@Suite struct AnalyzerTests {
    let analyzer = Analyzer()

    func terms(_ text: String) -> [String] { analyzer.analyze(text).map(\.term) }

    @Test func lowercasesStemsAndDropsStopWords() {
        #expect(terms("The Sparse Attention Models") == ["spars", "attent", "model"])
    }

    @Test func hyphenatedCompoundsIndexPartsAndJoinedForm() {
        let tokens = analyzer.analyze("mixture-of-experts layers")
        #expect(tokens.map(\.term) == ["mixtur", "expert", "mixtureofexpert", "layer"])
        // parts at consecutive positions ("of" keeps its slot), joined form at the first part's position
        #expect(tokens.map(\.position) == [0, 2, 0, 3])
        #expect(tokens.map(\.isCompoundJoin) == [false, false, true, false])
        #expect(terms("mixtureofexperts") == ["mixtureofexpert"])
        #expect(terms("pre-training") == ["pre", "train", "pretrain"])
    }

    @Test func ratiosNumbersAndVersions() {
        #expect(terms("2:4 sparsity") == ["2:4", "spars"])  // "-ity" folded, see Analyzer.foldNoun
        #expect(terms("N:M structured") == ["n:m", "structur"])
        #expect(terms("Llama v1.5 and GPT-3.5 at 3.5 bits.") == ["llama", "v1.5", "gpt", "3.5", "gpt3.5", "3.5", "bit"])
        #expect(terms("Results:Our") == ["result"])
    }

    @Test func texIsStrippedButWordsKept() {
        #expect(terms("$O(n^2)$ cost") == ["o", "n", "2", "cost"])
        #expect(terms("\\emph{sparse} and \\textbf{}dense") == ["spars", "dens"])
        #expect(terms("G\\\"odel and Schr\\\"{o}dinger") == ["godel", "schroding"])
        #expect(terms("$\\alpha$-entmax") == ["alpha", "entmax"])
    }

    @Test func unicodeIsNormalised() {
        #expect(terms("Ｆｕｌｌ-width ﬁne-tuning") == ["full", "width", "fullwidth", "fine", "tune", "finetun"])
        #expect(terms("Schrödinger Straße naïve") == ["schroding", "strass", "naiv"])
        #expect(terms("模型") == ["模", "型"])
    }

    @Test func rangesPointIntoTheSource() {
        let text = "Über sparse"
        let tokens = analyzer.analyze(text)
        let bytes = Array(text.utf8)
        #expect(String(decoding: bytes[tokens[1].range], as: UTF8.self) == "sparse")
        #expect(String(decoding: bytes[tokens[0].range], as: UTF8.self) == "Über")
    }

    @Test func junkNeverCrashes() {
        for text in ["\\", "$$", "-", "--a--", "a-", "\\\"", "\\c", "\\c{", "é\u{301}\u{301}", "\u{FFFF}\u{0}x", "::", "1.", ".5", "1..2"] {
            _ = analyzer.analyze(text)
        }
    }
}

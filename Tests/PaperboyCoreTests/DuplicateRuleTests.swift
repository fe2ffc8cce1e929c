import Testing
@testable import PaperboyCore

@Suite("Duplicate rule: one paper under a local id and an arXiv id")
struct DuplicateRuleTests {
    let seedTitle = "SparseD: Sparse Attention for Diffusion Language Models"

    func seed(_ title: String, authors: [Author] = []) -> Paper {
        Paper(id: PaperID.local(title: title), title: title, authors: authors, source: "seed")
    }

    func arxiv(_ id: String, _ title: String, authors: [String] = []) -> Paper {
        Paper(id: PaperID(unchecked: id), title: title, authors: authors.map { Author(name: $0) }, source: "hf-daily")
    }

    @Test func theKeyIsTheLocalIdOfTheNormalisedTitle() throws {
        // HF wraps long titles and keeps TeX; case, punctuation and whitespace do not change the key.
        let wrapped = "SparseD:  Sparse Attention for\n  Diffusion Language-Models"
        #expect(DuplicateRule.normalisedTitle(wrapped) == "sparsed sparse attention for diffusion language models")
        #expect(DuplicateRule.key(ofTitle: wrapped) == PaperID.local(title: seedTitle))
        #expect(DuplicateRule.key(ofTitle: "Sparse Attention for Diffusion Language Models") != PaperID.local(title: seedTitle))
        #expect(DuplicateRule.key(ofTitle: " -- ?! ") == nil)
        #expect(PaperID.local(title: seedTitle).rawValue == "local-" + FNV1a.hex(DuplicateRule.normalisedTitle(seedTitle)).prefix(12))
    }

    @Test func aSeedPaperWithoutAuthorsMatchesByTitle() {
        let hf = arxiv("2509.24014", "SparseD: Sparse Attention for\n  Diffusion Language Models", authors: ["Zeqing Wang"])
        #expect(DuplicateRule.isDuplicate(local: seed(seedTitle), of: hf))
        #expect(!DuplicateRule.isDuplicate(local: seed("SparseD"), of: hf))
    }

    @Test func authorsOnBothSidesMustShareOne() {
        let generic = "Introduction"
        let a = seed(generic, authors: [Author(name: "Ada Lovelace")])
        #expect(!DuplicateRule.isDuplicate(local: a, of: arxiv("2501.00001", generic, authors: ["Alan Turing"])))
        #expect(DuplicateRule.isDuplicate(local: a, of: arxiv("2501.00001", generic, authors: ["Alan Turing", "A. Lovelace"])))
        // Surname and first initial: a different first name with the same surname is another person.
        #expect(!DuplicateRule.isDuplicate(local: a, of: arxiv("2501.00001", generic, authors: ["Bea Lovelace"])))
        #expect(DuplicateRule.authorsAgree([], [Author(name: "X")]))
    }

    @Test func onlyLocalIntoArxivAndTheSmallestIdWins() {
        let two = [arxiv("2509.24014", seedTitle), arxiv("2501.00002", seedTitle), arxiv("2502.00003", "Other")]
        #expect(DuplicateRule.survivor(for: seed(seedTitle), among: two)?.id.rawValue == "2501.00002")
        // Two arXiv papers never merge, nor a local paper into a local one.
        #expect(!DuplicateRule.isDuplicate(local: two[0], of: two[1]))
        #expect(!DuplicateRule.isDuplicate(local: seed(seedTitle), of: seed(seedTitle)))
    }
}

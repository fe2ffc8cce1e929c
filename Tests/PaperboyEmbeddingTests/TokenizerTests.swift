import Foundation
import Testing
@testable import PaperboyEmbedding

@Suite("BERT tokenizer stages")
struct TokenizerStageTests {
    let normalizer = BertNormalizer()

    @Test func normalizerLowercasesAndStripsAccents() {
        #expect(normalizer.normalize("Ünïcödé Façade NAÏVE") == "unicode facade naive")
    }

    @Test func normalizerCleansControlAndWhitespace() {
        #expect(normalizer.normalize("a\tb\u{00A0}c\nd\u{0000}e\u{FFFD}f\u{200B}g\u{0007}h") == "a b c defgh")
    }

    @Test func normalizerSpacesCJKIdeographs() {
        #expect(normalizer.normalize("数学x") == " 数  学 x")
        #expect(normalizer.normalize("かな") == "かな") // kana are not in the ideograph blocks
    }

    @Test func normalizerKeepsLowercaseExpansions() {
        // NFD splits U+0130 into "I" + U+0307; the mark is stripped, then "I" is lowercased.
        #expect(normalizer.normalize("\u{0130}stanbul") == "istanbul")
        #expect(normalizer.normalize("ΣΑΣ") == "σασ") // per-scalar lowercase: no final sigma
    }

    @Test func preTokenizerSplitsWhitespaceAndPunctuation() {
        let p = BertPreTokenizer()
        #expect(p.split("hello, world!") == ["hello", ",", "world", "!"])
        #expect(p.split("top-k  $5 e^{i}") == ["top", "-", "k", "$", "5", "e", "^", "{", "i", "}"])
        #expect(p.split("a—b «c»") == ["a", "—", "b", "«", "c", "»"])
        #expect(p.split("   ").isEmpty)
    }

    @Test(.enabled(if: TestData.sharedData != nil, TestData.sharedDataMissing))
    func wordPieceGreedyLongestMatch() throws {
        let tokenizer = try TestData.tokenizer()
        #expect(tokenizer.tokens("unaffable") == ["una", "##ffa", "##ble"])
        #expect(tokenizer.tokens("sparse attention") == ["sparse", "attention"])
        #expect(tokenizer.wordPiece.tokenize(word: String(repeating: "a", count: 101)) == [100])
        #expect(tokenizer.wordPiece.tokenize(word: String(repeating: "a", count: 100)).count > 1)
        #expect(tokenizer.wordPiece.tokenize(word: "a\u{1F600}") == [100]) // one uncoverable piece → whole word [UNK]
    }

    @Test(.enabled(if: TestData.sharedData != nil, TestData.sharedDataMissing))
    func specialTokensAreMatchedInRawText() throws {
        let tokenizer = try TestData.tokenizer()
        #expect(tokenizer.encode("x[MASK]y") == [101, 1060, 103, 1061, 102])
        #expect(tokenizer.encode("[cls]") == [101, 1031, 18856, 2015, 1033, 102]) // case-sensitive
    }

    @Test func postProcessorTruncatesAndWraps() {
        let post = BertPostProcessor(classifierID: 101, separatorID: 102, maxLength: 5)
        #expect(post.process([]) == [101, 102])
        #expect(post.process([7, 8, 9, 10, 11]) == [101, 7, 8, 9, 102])
    }

    @Test(.enabled(if: TestData.sharedData != nil, TestData.sharedDataMissing))
    func vocabularyLoads() throws {
        let vocabulary = try Vocabulary(contentsOf: try #require(TestData.vocabularyURL))
        #expect(vocabulary.count == 30522)
        #expect(vocabulary.id(of: "[CLS]") == 101)
        #expect(vocabulary.id(of: "##s") == 2015)
    }

    @Test func missingVocabularyNamesTheFix() {
        #expect {
            _ = try Vocabulary(contentsOf: URL(fileURLWithPath: "/nonexistent/vocab.txt"))
        } throws: { error in
            guard let e = error as? EmbeddingError else { return false }
            return e.code == .modelMissing && e.message.contains("scripts/fetch-model.sh")
        }
    }
}

@Suite("Tokenizer parity with Hugging Face")
struct TokenizerParityTests {
    @Test(.enabled(if: TestData.sharedData != nil, TestData.sharedDataMissing))
    func edgeCaseInputIDs() throws {
        let tokenizer = try TestData.tokenizer()
        let cases = try TestData.edgeCases()
        #expect(cases.count == 10)
        for c in cases {
            #expect(tokenizer.encode(c.text) == c.input_ids, "text: \(c.text.prefix(60))")
        }
    }
}

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

@Suite("Tokenizer parity: extra Unicode cases")
struct TokenizerUnicodeParityTests {
    /// Expected ids from Hugging Face `tokenizers` 0.23.3 with the model's tokenizer.json (truncation 256).
    static let cases: [(String, [Int32])] = [
        ("\u{0130}stanbul \u{03A3}\u{0391}\u{03A3} \u{FB01}ne \u{01C5} \u{DF} \u{1E9E}", [101, 9960, 1173, 14608, 29733, 1984, 2638, 100, 1096, 1096, 102]),
        ("soft\u{AD}hyphen zero\u{200B}width", [101, 3730, 10536, 8458, 2368, 5717, 9148, 11927, 2232, 102]),
        ("emoji \u{1F600}\u{1F44D}\u{1F3FD}", [101, 7861, 29147, 2072, 100, 102]),
        ("tab\there\r\nnew\u{2028}line\u{3000}ideo", [101, 21628, 2182, 2047, 2240, 8909, 8780, 102]),
        ("\u{FF46}\u{FF55}\u{FF4C}\u{FF4C}\u{FF57}\u{FF49}\u{FF44}\u{FF54}\u{FF48}\u{3000}\u{FF21}\u{FF22}\u{FF23}", [101, 100, 100, 102]),
        ("\u{D55C}\u{AD6D}\u{C5B4} \u{3072}\u{3089}\u{304C}\u{306A} \u{30AB}\u{30BF}\u{30AB}\u{30CA}", [101, 1469, 30006, 30021, 29991, 30014, 30020, 29999, 30008, 1673, 30211, 30177, 30193, 1700, 30235, 30226, 30241, 102]),
        ("[CLS][SEP] x[MASK]y [[MASK]] [cls]", [101, 101, 102, 1060, 103, 1061, 1031, 103, 1033, 1031, 18856, 2015, 1033, 102]),
        ("\u{03A9}\u{2248}\u{E7}\u{221A}\u{222B} \u{A1}\u{2122}\u{A3}\u{A2}\u{221E}\u{A7}\u{B6}\u{2022}\u{AA}\u{BA}\u{2013}\u{2260}", [101, 100, 1067, 1580, 29646, 29645, 30128, 1073, 1086, 1528, 1076, 29662, 1516, 1027, 102]),
        ("\u{0}\u{1}\u{7F}\u{FFFD} control", [101, 2491, 102]),
        ("\u{20000}\u{2A700} \u{2B740} \u{2CEB0}", [101, 100, 100, 100, 100, 102]),
        ("x\u{0327}\u{0328} zalgo", [101, 1060, 23564, 2140, 3995, 102]),
        ("$100 & 50% off <b>", [101, 1002, 2531, 1004, 2753, 1003, 2125, 1026, 1038, 1028, 102]),
        ("don't re-use e.g. U.S.A.", [101, 2123, 1005, 1056, 2128, 1011, 2224, 1041, 1012, 1043, 1012, 1057, 1012, 1055, 1012, 1037, 1012, 102]),
    ]

    @Test(.enabled(if: TestData.sharedData != nil, TestData.sharedDataMissing))
    func unicodeCases() throws {
        let tokenizer = try TestData.tokenizer()
        for (text, ids) in Self.cases {
            #expect(tokenizer.encode(text) == ids, "text: \(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }
}

import Foundation

/// The uncased BERT WordPiece tokenizer of all-MiniLM-L6-v2, matching Hugging Face's `BertTokenizerFast`
/// (`tokenizers` BertNormalizer + BertPreTokenizer + WordPiece + TemplateProcessing) token for token.
///
/// Pipeline: ``SpecialTokenSplitter`` → ``BertNormalizer`` → ``BertPreTokenizer`` → ``WordPiece`` →
/// ``BertPostProcessor`` (truncation to `maxLength` tokens including `[CLS]`/`[SEP]`).
public struct BertTokenizer: Sendable {
    public let specialTokens: SpecialTokenSplitter
    public let normalizer: BertNormalizer
    public let preTokenizer: BertPreTokenizer
    public let wordPiece: WordPiece
    public let postProcessor: BertPostProcessor

    /// The id of `[PAD]` (0).
    public let paddingID: Int32

    /// Builds the tokenizer from a vocabulary. `maxLength` counts `[CLS]` and `[SEP]`.
    public init(vocabulary: Vocabulary, maxLength: Int = 256, lowercase: Bool = true) throws(EmbeddingError) {
        var specials: [String: Int32] = [:]
        for name in ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] {
            guard let id = vocabulary.id(of: name) else {
                throw EmbeddingError(.modelCorrupt, "vocabulary has no \(name) token; run `\(EmbeddingError.fetchCommand)`")
            }
            specials[name] = id
        }
        specialTokens = SpecialTokenSplitter(tokens: specials)
        normalizer = BertNormalizer(lowercase: lowercase)
        preTokenizer = BertPreTokenizer()
        wordPiece = try WordPiece(vocabulary: vocabulary)
        postProcessor = BertPostProcessor(
            classifierID: specials["[CLS]"] ?? 101, separatorID: specials["[SEP]"] ?? 102, maxLength: maxLength
        )
        paddingID = specials["[PAD]"] ?? 0
    }

    /// Loads `vocab.txt` and builds the tokenizer.
    public init(vocabularyURL: URL, maxLength: Int = 256) throws(EmbeddingError) {
        try self.init(vocabulary: Vocabulary(contentsOf: vocabularyURL), maxLength: maxLength)
    }

    public var vocabulary: Vocabulary { wordPiece.vocabulary }
    public var maxLength: Int { postProcessor.maxLength }

    /// `input_ids` of one text: `[CLS] … [SEP]`, at most `maxLength` ids.
    public func encode(_ text: String) -> [Int32] {
        postProcessor.process(tokenizeWithoutSpecials(text))
    }

    /// Token strings of one text, without `[CLS]`/`[SEP]` and without truncation (for inspection).
    public func tokens(_ text: String) -> [String] {
        tokenizeWithoutSpecials(text).map { Int($0) < vocabulary.count ? vocabulary.tokens[Int($0)] : "[?]" }
    }

    /// Content ids before the post-processor (no `[CLS]`/`[SEP]`, no truncation).
    public func tokenizeWithoutSpecials(_ text: String) -> [Int32] {
        var ids: [Int32] = []
        let scalars = Array(text.unicodeScalars)
        for segment in specialTokens.split(scalars) {
            switch segment {
            case .special(let id):
                ids.append(id)
            case .text(let run):
                let normalized = normalizer.normalize(scalars: run)
                for word in preTokenizer.split(scalars: normalized) {
                    wordPiece.tokenize(word: word, into: &ids)
                }
            }
        }
        return ids
    }
}

/// Stage 3 of the BERT tokenizer: greedy longest-match-first WordPiece.
///
/// A word longer than `maxInputCharactersPerWord` scalars, or one that cannot be covered by vocabulary
/// pieces, becomes the single `[UNK]` token. Pieces after the first are looked up with the `##` prefix.
public struct WordPiece: Sendable {
    public let vocabulary: Vocabulary
    public let unknownID: Int32
    public let maxInputCharactersPerWord: Int

    public init(vocabulary: Vocabulary, unknownToken: String = "[UNK]", maxInputCharactersPerWord: Int = 100) throws(EmbeddingError) {
        guard let unk = vocabulary.id(of: unknownToken) else {
            throw EmbeddingError(.modelCorrupt, "vocabulary has no \(unknownToken) token; run `\(EmbeddingError.fetchCommand)`")
        }
        self.vocabulary = vocabulary
        self.unknownID = unk
        self.maxInputCharactersPerWord = maxInputCharactersPerWord
    }

    /// Token ids of one word.
    public func tokenize(word: String) -> [Int32] {
        var out: [Int32] = []
        tokenize(word: Array(word.unicodeScalars)[...], into: &out)
        return out
    }

    /// Appends the token ids of one word (a pre-tokenizer output) to `output`.
    func tokenize(word: ArraySlice<Unicode.Scalar>, into output: inout [Int32]) {
        if word.count > maxInputCharactersPerWord {
            output.append(unknownID)
            return
        }
        let mark = output.count
        var start = word.startIndex
        let end = word.endIndex
        while start < end {
            var stop = end
            var found: Int32?
            while start < stop {
                var view = String.UnicodeScalarView()
                view.append(contentsOf: word[start..<stop])
                let piece = String(view)
                found = start == word.startIndex ? vocabulary.wordStarts[piece] : vocabulary.continuations[piece]
                if found != nil { break }
                stop -= 1
            }
            guard let id = found else {
                output.removeSubrange(mark...)
                output.append(unknownID)
                return
            }
            output.append(id)
            start = stop
        }
    }
}

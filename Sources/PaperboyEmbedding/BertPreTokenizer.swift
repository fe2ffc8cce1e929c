/// Stage 2 of the BERT tokenizer: Hugging Face's `BertPreTokenizer`.
///
/// Splits normalised text on whitespace (removed) and isolates every punctuation character
/// (ASCII punctuation or Unicode P*) as its own word.
public struct BertPreTokenizer: Sendable {
    public init() {}

    /// Splits a string into words.
    public func split(_ text: String) -> [String] {
        split(scalars: Array(text.unicodeScalars)).map { slice in
            var view = String.UnicodeScalarView()
            view.append(contentsOf: slice)
            return String(view)
        }
    }

    /// Splits scalars into words (slices of the input).
    func split(scalars: [Unicode.Scalar]) -> [ArraySlice<Unicode.Scalar>] {
        var words: [ArraySlice<Unicode.Scalar>] = []
        var start = 0
        var i = 0
        let n = scalars.count
        while i < n {
            let c = scalars[i]
            if BertCharacterClass.isWhitespace(c) {
                if start < i { words.append(scalars[start..<i]) }
                start = i + 1
            } else if BertCharacterClass.isPunctuation(c) {
                if start < i { words.append(scalars[start..<i]) }
                words.append(scalars[i..<(i + 1)])
                start = i + 1
            }
            i += 1
        }
        if start < n { words.append(scalars[start..<n]) }
        return words
    }
}

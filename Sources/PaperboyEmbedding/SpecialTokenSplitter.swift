/// Stage 0 of the BERT tokenizer: finds special tokens (`[CLS]`, `[SEP]`, `[MASK]`, `[PAD]`, `[UNK]`) in the
/// raw text before normalisation, as Hugging Face's added-token matching does for tokens with
/// `normalized: false` (case-sensitive, anywhere in the text, leftmost-longest match).
public struct SpecialTokenSplitter: Sendable {
    /// A piece of raw text: plain text to normalise, or a special token's id.
    enum Segment: Equatable {
        case text(ArraySlice<Unicode.Scalar>)
        case special(Int32)
    }

    /// Special tokens as scalars, longest first, with their ids.
    let tokens: [([Unicode.Scalar], Int32)]

    public init(tokens: [String: Int32]) {
        self.tokens = tokens
            .map { (Array($0.key.unicodeScalars), $0.value) }
            .filter { !$0.0.isEmpty }
            .sorted { $0.0.count != $1.0.count ? $0.0.count > $1.0.count : $0.1 < $1.1 }
    }

    /// Splits raw text into plain runs and special tokens.
    func split(_ text: [Unicode.Scalar]) -> [Segment] {
        guard !tokens.isEmpty else { return [.text(text[...])] }
        let firsts = Set(tokens.map { $0.0[0] })
        var segments: [Segment] = []
        var runStart = 0
        var i = 0
        let n = text.count
        outer: while i < n {
            if firsts.contains(text[i]) {
                for (pattern, id) in tokens where i + pattern.count <= n {
                    if text[i..<(i + pattern.count)].elementsEqual(pattern) {
                        if runStart < i { segments.append(.text(text[runStart..<i])) }
                        segments.append(.special(id))
                        i += pattern.count
                        runStart = i
                        continue outer
                    }
                }
            }
            i += 1
        }
        if runStart < n { segments.append(.text(text[runStart..<n])) }
        return segments
    }
}

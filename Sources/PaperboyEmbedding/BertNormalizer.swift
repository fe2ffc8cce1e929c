import Foundation

/// Stage 1 of the BERT tokenizer: Hugging Face's `BertNormalizer` with
/// `clean_text`, `handle_chinese_chars`, `lowercase` and (because `strip_accents` is unset and lowercase is on)
/// accent stripping.
///
/// Steps, in the order `tokenizers` applies them:
/// 1. drop U+0000, U+FFFD and control characters; map every whitespace character to a space;
/// 2. surround CJK ideographs with spaces;
/// 3. NFD-decompose and drop nonspacing marks (Mn);
/// 4. lowercase each scalar (full Unicode lowercase mapping, no context).
public struct BertNormalizer: Sendable {
    public var lowercase: Bool
    public var stripAccents: Bool
    public var handleChineseCharacters: Bool

    public init(lowercase: Bool = true, stripAccents: Bool? = nil, handleChineseCharacters: Bool = true) {
        self.lowercase = lowercase
        self.stripAccents = stripAccents ?? lowercase
        self.handleChineseCharacters = handleChineseCharacters
    }

    /// Normalises a string.
    public func normalize(_ text: String) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: normalize(scalars: Array(text.unicodeScalars)[...]))
        return String(view)
    }

    /// Normalises a run of scalars.
    func normalize(scalars input: ArraySlice<Unicode.Scalar>) -> [Unicode.Scalar] {
        var cleaned: [Unicode.Scalar] = []
        cleaned.reserveCapacity(input.count + 8)
        var isASCII = true
        for c in input {
            if c.value == 0 || c.value == 0xFFFD || BertCharacterClass.isControl(c) { continue }
            if BertCharacterClass.isWhitespace(c) {
                cleaned.append(" ")
            } else if handleChineseCharacters && BertCharacterClass.isChineseCharacter(c) {
                cleaned.append(" ")
                cleaned.append(c)
                cleaned.append(" ")
                isASCII = false
            } else {
                if c.value > 0x7F { isASCII = false }
                cleaned.append(c)
            }
        }
        if isASCII {
            // Fast path: NFD is the identity on ASCII and lowercasing is a byte operation.
            if lowercase {
                for i in cleaned.indices where cleaned[i].value >= 0x41 && cleaned[i].value <= 0x5A {
                    cleaned[i] = Unicode.Scalar(cleaned[i].value + 0x20)!
                }
            }
            return cleaned
        }
        var stage = cleaned
        if stripAccents {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: cleaned)
            let decomposed = String(view).decomposedStringWithCanonicalMapping
            stage = decomposed.unicodeScalars.filter { $0.properties.generalCategory != .nonspacingMark }
        }
        guard lowercase else { return stage }
        var output: [Unicode.Scalar] = []
        output.reserveCapacity(stage.count)
        for c in stage {
            if c.value < 0x80 {
                output.append(c.value >= 0x41 && c.value <= 0x5A ? Unicode.Scalar(c.value + 0x20)! : c)
            } else {
                output.append(contentsOf: c.properties.lowercaseMapping.unicodeScalars)
            }
        }
        return output
    }
}

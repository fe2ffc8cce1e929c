/// Character classes used by BERT's normalizer and pre-tokenizer, with the definitions of
/// Hugging Face `tokenizers` (the fast tokenizer that sentence-transformers uses).
enum BertCharacterClass {
    /// `\t`, `\n`, `\r`, or any scalar with the Unicode `White_Space` property.
    @inline(__always)
    static func isWhitespace(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x20, 0x09, 0x0A, 0x0D: return true
        case 0x21...0x7F: return false
        default: return c.properties.isWhitespace
        }
    }

    /// Unicode "other" categories (Cc, Cf, Cs, Co, Cn), except `\t`, `\n`, `\r`.
    @inline(__always)
    static func isControl(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x09, 0x0A, 0x0D: return false
        case 0x20...0x7E: return false
        default:
            switch c.properties.generalCategory {
            case .control, .format, .surrogate, .privateUse, .unassigned: return true
            default: return false
            }
        }
    }

    /// ASCII punctuation (`!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~`) or any Unicode P* category.
    @inline(__always)
    static func isPunctuation(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E: return true
        case 0...0x7F: return false
        default:
            switch c.properties.generalCategory {
            case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
                 .initialPunctuation, .finalPunctuation, .otherPunctuation:
                return true
            default:
                return false
            }
        }
    }

    /// CJK ideograph blocks that BERT surrounds with spaces (the ranges of `tokenizers`' `is_chinese_char`).
    @inline(__always)
    static func isChineseCharacter(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF, 0x2A700...0x2B73F,
             0x2B740...0x2B81F, 0x2B920...0x2CEAF, 0xF900...0xFAFF, 0x2F800...0x2FA1F:
            return true
        default:
            return false
        }
    }
}

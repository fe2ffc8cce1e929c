/// The suffix-stripping steps of Porter2 (Snowball 3 English). Each step looks at the longest matching
/// suffix only; if that suffix fails its region condition, the step does nothing.
extension EnglishStemmer.Work {
    mutating func step1a() {
        if ends(with: "'s'") {
            w.removeLast(3)
        } else if ends(with: "'s") {
            w.removeLast(2)
        } else if ends(with: "'") {
            w.removeLast(1)
        }
        if ends(with: "sses") {
            replaceSuffix(4, with: "ss")
        } else if ends(with: "ied") || ends(with: "ies") {
            if w.count - 3 >= 2 { replaceSuffix(3, with: "i") } else { replaceSuffix(3, with: "ie") }
        } else if ends(with: "ss") || ends(with: "us") {
            return
        } else if ends(with: "s") {
            // Delete the s if the part before the letter preceding it contains a vowel.
            let end = w.count - 1
            guard end >= 1 else { return }
            if hasVowel(before: end - 1) { w.removeLast() }
        }
    }

    mutating func step1b() {
        let suffixes: [StaticString] = ["ed", "eed", "ing", "edly", "eedly", "ingly"]
        guard let which = longestSuffix(suffixes) else { return }
        let suffix = suffixes[which]
        let start = w.count - suffix.utf8CodeUnitCount
        switch which {
        case 1, 4:  // eed, eedly
            guard start >= p1 else { return }
            if (ends(with: "succ", at: start) && start == 4) || (ends(with: "proc", at: start) && start == 4)
                || (ends(with: "exc", at: start) && start == 3)
            {
                return
            }
            replaceSuffix(suffix.utf8CodeUnitCount, with: "ee")
            return
        case 2:  // ing
            if let special = ingException(start: start) {
                if special { return }
                // C + "y" + "ing" becomes C + "ie".
                w.removeLast(suffix.utf8CodeUnitCount + 1)
                w.append(UInt8(ascii: "i"))
                w.append(UInt8(ascii: "e"))
                return
            }
        default:
            break
        }
        // ed, edly, ingly, or ing without exception: delete if the preceding part has a vowel.
        guard hasVowel(before: start) else { return }
        w.removeLast(suffix.utf8CodeUnitCount)
        if ends(with: "at") || ends(with: "bl") || ends(with: "iz") {
            w.append(UInt8(ascii: "e"))
            return
        }
        if let double = endsWithDouble() {
            _ = double
            if w.count == 3 && (w[0] == UInt8(ascii: "a") || w[0] == UInt8(ascii: "e") || w[0] == UInt8(ascii: "o")) {
                return
            }
            w.removeLast()
            return
        }
        if w.count == p1 && isShortSyllable(endingAt: w.count) {
            w.append(UInt8(ascii: "e"))
        }
    }

    /// For a word ending in "ing" at `start`: `true` = leave unchanged ("evening", "inning", …),
    /// `false` = apply the "dying" → "die" rule, `nil` = no exception applies.
    func ingException(start: Int) -> Bool? {
        for stemPart in ["even", "cann", "inn", "earr", "herr", "out"] as [StaticString] where ends(with: stemPart, at: start) {
            return start == stemPart.utf8CodeUnitCount ? true : nil
        }
        if start == 2 && w[1] == UInt8(ascii: "y") && !Self.isVowel(w[0]) { return false }
        return nil
    }

    /// The doubled consonant at the end (bb dd ff gg mm nn pp rr tt), if any.
    func endsWithDouble() -> UInt8? {
        guard w.count >= 2, w[w.count - 1] == w[w.count - 2] else { return nil }
        switch w[w.count - 1] {
        case UInt8(ascii: "b"), UInt8(ascii: "d"), UInt8(ascii: "f"), UInt8(ascii: "g"), UInt8(ascii: "m"),
            UInt8(ascii: "n"), UInt8(ascii: "p"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            return w[w.count - 1]
        default:
            return nil
        }
    }

    mutating func step1c() {
        guard w.count >= 3 else { return }
        let last = w[w.count - 1]
        guard last == UInt8(ascii: "y") || last == UInt8(ascii: "Y") else { return }
        if !Self.isVowel(w[w.count - 2]) {
            w[w.count - 1] = UInt8(ascii: "i")
        }
    }

    static let step2Suffixes: [(StaticString, StaticString?)] = [
        ("anci", "ance"), ("enci", "ence"), ("ogi", nil), ("li", nil), ("bli", "ble"), ("abli", "able"),
        ("alli", "al"), ("fulli", "ful"), ("lessli", "less"), ("ousli", "ous"), ("entli", "ent"),
        ("aliti", "al"), ("biliti", "ble"), ("iviti", "ive"), ("tional", "tion"), ("ational", "ate"),
        ("alism", "al"), ("ation", "ate"), ("ization", "ize"), ("izer", "ize"), ("ator", "ate"),
        ("iveness", "ive"), ("fulness", "ful"), ("ousness", "ous"), ("ogist", "og"),
    ]

    mutating func step2() {
        guard let i = longestSuffix(Self.step2Suffixes.map(\.0)) else { return }
        let (suffix, replacement) = Self.step2Suffixes[i]
        let n = suffix.utf8CodeUnitCount
        let start = w.count - n
        guard start >= p1 else { return }
        if let replacement {
            replaceSuffix(n, with: replacement)
        } else if n == 3 {  // ogi → og when preceded by l
            guard start >= 1, w[start - 1] == UInt8(ascii: "l") else { return }
            replaceSuffix(3, with: "og")
        } else {  // li: delete when preceded by a valid li-ending
            guard start >= 1, Self.isValidLI(w[start - 1]) else { return }
            w.removeLast(2)
        }
    }

    static let step3Suffixes: [(StaticString, StaticString?)] = [
        ("icate", "ic"), ("ative", nil), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"), ("tional", "tion"),
        ("ational", "ate"), ("ful", ""), ("ness", ""),
    ]

    mutating func step3() {
        guard let i = longestSuffix(Self.step3Suffixes.map(\.0)) else { return }
        let (suffix, replacement) = Self.step3Suffixes[i]
        let n = suffix.utf8CodeUnitCount
        let start = w.count - n
        guard start >= p1 else { return }
        if let replacement {
            replaceSuffix(n, with: replacement)
        } else {  // ative: delete in R2
            guard start >= p2 else { return }
            w.removeLast(n)
        }
    }

    static let step4Suffixes: [StaticString] = [
        "ic", "ance", "ence", "able", "ible", "ate", "ive", "ize", "iti", "al", "ism", "ion", "er", "ous",
        "ant", "ent", "ment", "ement",
    ]

    mutating func step4() {
        guard let i = longestSuffix(Self.step4Suffixes) else { return }
        let n = Self.step4Suffixes[i].utf8CodeUnitCount
        let start = w.count - n
        guard start >= p2 else { return }
        if i == 11 {  // ion: delete when preceded by s or t
            guard start >= 1, w[start - 1] == UInt8(ascii: "s") || w[start - 1] == UInt8(ascii: "t") else { return }
        }
        w.removeLast(n)
    }

    mutating func step5() {
        guard let last = w.last else { return }
        let start = w.count - 1
        if last == UInt8(ascii: "e") {
            if start >= p2 {
                w.removeLast()
            } else if start >= p1 && !isShortSyllable(endingAt: start) {
                w.removeLast()
            }
        } else if last == UInt8(ascii: "l") {
            if start >= p2 && start >= 1 && w[start - 1] == UInt8(ascii: "l") { w.removeLast() }
        }
    }
}

/// The Snowball English ("Porter2") stemmer, written by hand after the algorithm description at
/// snowballstem.org and checked word by word against Snowball 3.1.1 (`snowballstemmer` on PyPI).
///
/// Input: a lowercase word made of ASCII letters and apostrophes (other words are returned unchanged).
/// The implementation works on a byte buffer; `Y` marks a consonant `y` as in the reference algorithm.
public struct EnglishStemmer: Sendable {
    public init() {}

    /// Stems one lowercase ASCII word; words with other characters are returned unchanged.
    public func stem(_ word: String) -> String {
        var bytes = Array(word.utf8)
        for b in bytes where !(b >= 0x61 && b <= 0x7A) && b != 0x27 { return word }
        stemInPlace(&bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Stems `w` (lowercase ASCII letters and apostrophes) in place.
    public func stemInPlace(_ w: inout [UInt8]) {
        if let special = Self.exceptions1[w] { w = special; return }
        if w.count < 3 { return }
        var work = Work(w: w)
        work.prelude()
        work.markRegions()
        work.step1a()
        work.step1b()
        work.step1c()
        work.step2()
        work.step3()
        work.step4()
        work.step5()
        if work.yFound {
            for i in work.w.indices where work.w[i] == UInt8(ascii: "Y") { work.w[i] = UInt8(ascii: "y") }
        }
        w = work.w
    }

    /// Whole-word exceptions applied before anything else.
    static let exceptions1: [[UInt8]: [UInt8]] = {
        let pairs: [(String, String)] = [
            ("andes", "andes"), ("atlas", "atlas"), ("bias", "bias"), ("cosmos", "cosmos"),
            ("early", "earli"), ("gently", "gentl"), ("howe", "howe"), ("idly", "idl"), ("news", "news"),
            ("only", "onli"), ("singly", "singl"), ("skies", "sky"), ("skis", "ski"), ("sky", "sky"),
            ("ugly", "ugli"),
        ]
        var map: [[UInt8]: [UInt8]] = [:]
        for (k, v) in pairs { map[Array(k.utf8)] = Array(v.utf8) }
        return map
    }()
}

extension EnglishStemmer {
    /// Mutable state of one stemming run: the word and the region starts `p1`, `p2` (byte offsets).
    struct Work {
        var w: [UInt8]
        var p1 = 0
        var p2 = 0
        var yFound = false

        static func isVowel(_ c: UInt8) -> Bool {
            switch c {
            case 0x61, 0x65, 0x69, 0x6F, 0x75, 0x79: return true  // a e i o u y
            default: return false
            }
        }

        /// Not a vowel and not w, x, Y (the "short syllable" consonant class).
        static func isNonVowelWXY(_ c: UInt8) -> Bool {
            if isVowel(c) { return false }
            return c != UInt8(ascii: "w") && c != UInt8(ascii: "x") && c != UInt8(ascii: "Y")
        }

        static func isValidLI(_ c: UInt8) -> Bool {
            switch c {
            case UInt8(ascii: "c"), UInt8(ascii: "d"), UInt8(ascii: "e"), UInt8(ascii: "g"), UInt8(ascii: "h"),
                UInt8(ascii: "k"), UInt8(ascii: "m"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                return true
            default: return false
            }
        }

        func ends(with s: StaticString) -> Bool { ends(with: s, at: w.count) }

        /// True when `w[..<end]` ends with `s`.
        func ends(with s: StaticString, at end: Int) -> Bool {
            let n = s.utf8CodeUnitCount
            guard end >= n else { return false }
            let p = s.utf8Start
            for i in 0..<n where w[end - n + i] != p[i] { return false }
            return true
        }

        /// Replaces the last `n` bytes with `s`.
        mutating func replaceSuffix(_ n: Int, with s: StaticString) {
            w.removeLast(n)
            let p = s.utf8Start
            for i in 0..<s.utf8CodeUnitCount { w.append(p[i]) }
        }

        /// Longest suffix of `w` among `candidates` (checked in order; callers list longer first).
        func longestSuffix(_ candidates: [StaticString]) -> Int? {
            var best: Int?
            var bestLen = -1
            for (i, c) in candidates.enumerated() where c.utf8CodeUnitCount > bestLen && ends(with: c) {
                best = i
                bestLen = c.utf8CodeUnitCount
            }
            return best
        }

        mutating func prelude() {
            if w.first == UInt8(ascii: "'") { w.removeFirst() }
            guard !w.isEmpty else { return }
            if w[0] == UInt8(ascii: "y") { w[0] = UInt8(ascii: "Y"); yFound = true }
            var i = 0
            while i + 1 < w.count {
                if Self.isVowel(w[i]) && w[i + 1] == UInt8(ascii: "y") { w[i + 1] = UInt8(ascii: "Y"); yFound = true }
                i += 1
            }
        }

        static let regionPrefixes: [StaticString] = [
            "arsen", "commun", "emerg", "gener", "inter", "later", "organ", "past", "univers",
        ]

        /// Position after the first non-vowel that follows a vowel, scanning from `start`; `nil` if none.
        func regionStart(from start: Int) -> Int? {
            var i = start
            while i < w.count && !Self.isVowel(w[i]) { i += 1 }
            guard i < w.count else { return nil }
            i += 1
            while i < w.count && Self.isVowel(w[i]) { i += 1 }
            guard i < w.count else { return nil }
            return i + 1
        }

        mutating func markRegions() {
            p1 = w.count
            p2 = w.count
            var r1: Int?
            for prefix in Self.regionPrefixes where startsWith(prefix) {
                r1 = prefix.utf8CodeUnitCount
                break
            }
            if r1 == nil { r1 = regionStart(from: 0) }
            guard let start1 = r1 else { return }
            p1 = start1
            if let start2 = regionStart(from: start1) { p2 = start2 }
        }

        func startsWith(_ s: StaticString) -> Bool {
            let n = s.utf8CodeUnitCount
            guard w.count >= n else { return false }
            let p = s.utf8Start
            for i in 0..<n where w[i] != p[i] { return false }
            return true
        }

        /// True when `w[..<end]` contains a vowel.
        func hasVowel(before end: Int) -> Bool {
            var i = 0
            while i < end { if Self.isVowel(w[i]) { return true }; i += 1 }
            return false
        }

        /// The reference `shortv` test on `w[..<end]`.
        func isShortSyllable(endingAt end: Int) -> Bool {
            if end >= 3 && Self.isNonVowelWXY(w[end - 1]) && Self.isVowel(w[end - 2]) && !Self.isVowel(w[end - 3]) {
                return true
            }
            if end == 2 && !Self.isVowel(w[1]) && Self.isVowel(w[0]) { return true }
            return ends(with: "past", at: end)
        }
    }
}

/// Splits text into word groups. A group is one word ("attention") or a hyphenated compound
/// ("mixture-of-experts" = three parts). Understands arXiv TeX: commands are dropped (`\emph{x}` keeps `x`),
/// accents are folded (`G\"odel` → "godel"), Greek letter commands become words (`\alpha` → "alpha"),
/// math delimiters separate words (`$O(n^2)$` → "o", "n", "2"). Numbers keep decimal points ("3.5", "v1.5"),
/// ratios keep their colon ("2:4", "n:m").
///
/// Offsets are UTF-8 byte offsets into the input.
struct Tokenizer {
    /// One part of a group: its text (lowercased ASCII, or raw UTF-8 when `isASCII` is false) and source range.
    struct Part {
        var text: [UInt8] = []
        var isASCII = true
        var start = 0
        var end = 0
    }

    /// Longest kept part, in bytes; longer runs are dropped (they still take a position).
    static let maxPartLength = 64

    static let greekLetters: Set<String> = [
        "alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta", "vartheta", "iota",
        "kappa", "lambda", "mu", "nu", "xi", "pi", "rho", "sigma", "tau", "upsilon", "phi", "varphi", "chi",
        "psi", "omega",
    ]

    /// Calls `body` with the parts of each group, in order. Part buffers are reused between calls.
    static func forEachGroup(in text: String, _ body: (_ parts: ArraySlice<Part>) -> Void) {
        var utf8 = Array(text.utf8)
        utf8.append(0)  // sentinel: lookahead never reads past the end
        utf8.withUnsafeBufferPointer { buffer in
            var scanner = Scanner(b: buffer, n: buffer.count - 1)
            scanner.run(body)
        }
    }

    struct Scanner {
        let b: UnsafeBufferPointer<UInt8>
        let n: Int
        var i = 0
        /// Reused part buffers; the current group is `pool[0..<count]`.
        var pool: [Part] = []
        var count = 0
        var parts: ArraySlice<Part> { pool[0..<count] }

        init(b: UnsafeBufferPointer<UInt8>, n: Int) {
            self.b = b
            self.n = n
        }

        static func isASCIIAlnum(_ c: UInt8) -> Bool {
            (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39)
        }
        static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
        static func isASCIILetter(_ c: UInt8) -> Bool { (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) }
        static func lower(_ c: UInt8) -> UInt8 { (c >= 0x41 && c <= 0x5A) ? c | 0x20 : c }

        /// Decodes the scalar starting at `j` (which must be ≥ 0x80); returns it and its length.
        func scalar(at j: Int) -> (Unicode.Scalar, Int)? {
            let c = b[j]
            var len = 0
            var v: UInt32 = 0
            if c & 0xE0 == 0xC0 { len = 2; v = UInt32(c & 0x1F) }
            else if c & 0xF0 == 0xE0 { len = 3; v = UInt32(c & 0x0F) }
            else if c & 0xF8 == 0xF0 { len = 4; v = UInt32(c & 0x07) }
            else { return nil }
            guard j + len <= n else { return nil }
            for k in 1..<len {
                let cc = b[j + k]
                guard cc & 0xC0 == 0x80 else { return nil }
                v = (v << 6) | UInt32(cc & 0x3F)
            }
            guard let s = Unicode.Scalar(v) else { return nil }
            return (s, len)
        }

        /// Letters produced by a TeX accent or special-letter sequence at `j` (a backslash), and where it ends.
        func texLetters(at j: Int) -> ([UInt8], Int)? {
            guard b[j] == UInt8(ascii: "\\") else { return nil }
            let c = b[j + 1]
            switch c {
            case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "^"), UInt8(ascii: "~"), UInt8(ascii: "`"),
                UInt8(ascii: "="), UInt8(ascii: "."):
                return accentedLetter(from: j + 2)
            default:
                break
            }
            guard Self.isASCIILetter(c) else { return nil }
            var k = j + 1
            while Self.isASCIILetter(b[k]) { k += 1 }
            let name = String(decoding: UnsafeBufferPointer(rebasing: b[(j + 1)..<k]), as: UTF8.self)
            switch name {
            case "ss": return (Array("ss".utf8), skipEmptyBraces(k))
            case "o", "O", "l", "L", "i", "j": return ([Self.lower(c)], skipEmptyBraces(k))
            case "ae", "AE": return (Array("ae".utf8), skipEmptyBraces(k))
            case "oe", "OE": return (Array("oe".utf8), skipEmptyBraces(k))
            case "aa", "AA": return ([UInt8(ascii: "a")], skipEmptyBraces(k))
            case "c", "v", "u", "H", "k", "r", "d", "b", "t":
                if b[k] == UInt8(ascii: "{") || b[k] == UInt8(ascii: " ") { return accentedLetter(from: k) }
                return nil
            default:
                return nil
            }
        }

        func skipEmptyBraces(_ k: Int) -> Int {
            if b[k] == UInt8(ascii: "{") && b[k + 1] == UInt8(ascii: "}") { return k + 2 }
            return k
        }

        /// `{x}`, ` x` or `x` after an accent command: the letter x.
        func accentedLetter(from k0: Int) -> ([UInt8], Int)? {
            var k = k0
            var braced = false
            if b[k] == UInt8(ascii: "{") { braced = true; k += 1 } else if b[k] == UInt8(ascii: " ") { k += 1 }
            if b[k] == UInt8(ascii: "\\") && (b[k + 1] == UInt8(ascii: "i") || b[k + 1] == UInt8(ascii: "j"))
                && !Self.isASCIILetter(b[k + 2])
            {
                let letter = b[k + 1]
                k += 2
                if braced && b[k] == UInt8(ascii: "}") { k += 1 }
                return ([letter], k)
            }
            guard Self.isASCIILetter(b[k]) else { return nil }
            let letter = Self.lower(b[k])
            k += 1
            if braced {
                guard b[k] == UInt8(ascii: "}") else { return nil }
                k += 1
            }
            return ([letter], k)
        }

        /// True when a part can start at `j`.
        func startsPart(at j: Int) -> Bool {
            guard j < n else { return false }
            let c = b[j]
            if Self.isASCIIAlnum(c) { return true }
            if c >= 0x80, let (s, _) = scalar(at: j) {
                return TextNormalizer.isWordScalar(s) && !TextNormalizer.isIdeographic(s)
            }
            if c == UInt8(ascii: "\\") { return texLetters(at: j) != nil }
            return false
        }

        /// Makes the current group a single part with `text`.
        mutating func single(_ text: UnsafeBufferPointer<UInt8>, isASCII: Bool, start: Int, end: Int) {
            if pool.isEmpty { pool.append(Part()) }
            pool[0].text.removeAll(keepingCapacity: true)
            pool[0].text.append(contentsOf: text)
            pool[0].isASCII = isASCII
            pool[0].start = start
            pool[0].end = end
            count = 1
        }

        mutating func run(_ body: (ArraySlice<Part>) -> Void) {
            while i < n {
                let c = b[i]
                if startsPart(at: i) {
                    scanGroup()
                    body(parts)
                    continue
                }
                if c >= 0x80 {
                    if let (s, len) = scalar(at: i) {
                        if TextNormalizer.isIdeographic(s) {
                            single(UnsafeBufferPointer(rebasing: b[i..<(i + len)]), isASCII: false, start: i, end: i + len)
                            body(parts)
                        }
                        i += len
                    } else {
                        i += 1
                    }
                    continue
                }
                if c == UInt8(ascii: "\\") {
                    skipCommand(body)
                    continue
                }
                i += 1
            }
        }

        /// Skips a TeX command at `i`; Greek letter names are reported as words.
        mutating func skipCommand(_ body: (ArraySlice<Part>) -> Void) {
            var k = i + 1
            guard Self.isASCIILetter(b[k]) else {
                i += b[k] == 0 && k >= n ? 1 : 2
                return
            }
            while Self.isASCIILetter(b[k]) { k += 1 }
            let lowered = (i + 1..<k).map { Self.lower(b[$0]) }
            let name = String(decoding: lowered, as: UTF8.self)
            if Tokenizer.greekLetters.contains(name) {
                lowered.withUnsafeBufferPointer { single($0, isASCII: true, start: i, end: k) }
                body(parts)
            }
            i = k
        }
    }
}

/// One analysed token.
public struct Token: Sendable, Hashable {
    /// The indexed term (normalised, stemmed).
    public var term: String
    /// Token position (stop words keep their position; a compound's joined form shares its first part's position).
    public var position: Int
    /// UTF-8 byte range of the token in the analysed text.
    public var range: Range<Int>
    /// True for the joined form of a hyphenated compound ("mixtureofexpert" for "mixture-of-experts").
    public var isCompoundJoin: Bool

    public init(term: String, position: Int, range: Range<Int>, isCompoundJoin: Bool = false) {
        self.term = term
        self.position = position
        self.range = range
        self.isCompoundJoin = isCompoundJoin
    }
}

/// The analyzer used for both indexing and queries: tokenisation (see `Tokenizer`), NFKC + case + diacritics
/// folding, stop words, and the Snowball English stemmer for alphabetic words.
///
/// Hyphenated compounds index each part at consecutive positions and the joined form at the first part's
/// position, so "mixture-of-experts", "mixture of experts" and "mixtureofexperts" all meet at query time.
public struct Analyzer: Sendable {
    public var stopWords: Set<String>
    /// Whether alphabetic words are stemmed.
    public var stems: Bool
    let stemmer = EnglishStemmer()

    public init(stopWords: Set<String> = StopWords.english, stems: Bool = true) {
        self.stopWords = stopWords
        self.stems = stems
    }

    /// Analyses `text` into tokens.
    public func analyze(_ text: String) -> [Token] {
        var out: [Token] = []
        var cache = TermCache()
        forEachToken(in: text, cache: &cache) { term, position, range, isJoin in
            out.append(Token(term: term, position: position, range: range, isCompoundJoin: isJoin))
        }
        return out
    }

    /// Analyses `text`, calling `body(term, position, range, isCompoundJoin)` per token. Returns the number of
    /// positions used (the next free position). `cache` memoises word → term across calls.
    @discardableResult
    func forEachToken(
        in text: String, startPosition: Int = 0, cache: inout TermCache,
        _ body: (String, Int, Range<Int>, Bool) -> Void
    ) -> Int {
        var position = startPosition
        Tokenizer.forEachGroup(in: text) { parts in
            let first = position
            var joined: [UInt8] = []
            for part in parts {
                defer { position += 1 }
                guard !part.text.isEmpty, part.text.count <= Tokenizer.maxPartLength else { continue }
                let word = cache.word(part.text, isASCII: part.isASCII)
                if parts.count > 1 { joined.append(contentsOf: word.utf8) }
                if let term = cache.term(for: word, analyzer: self) {
                    body(term, position, part.start..<part.end, false)
                }
            }
            if parts.count > 1, !joined.isEmpty, joined.count <= Tokenizer.maxPartLength {
                let word = String(decoding: joined, as: UTF8.self)
                let term = cache.stemmed(word, analyzer: self)
                body(term, first, parts[0].start..<parts[parts.count - 1].end, true)
            }
        }
        return position
    }

    /// Term for a normalised word: nil for stop words, else the stem (alphabetic words) or the word itself.
    func term(forNormalized word: String) -> String? {
        if stopWords.contains(word) { return nil }
        return stem(word)
    }

    func stem(_ word: String) -> String {
        guard stems else { return word }
        var bytes = Array(word.utf8)
        for c in bytes where !(c >= 0x61 && c <= 0x7A) && c != 0x27 { return word }
        stemmer.stemInPlace(&bytes)
        Self.foldNoun(&bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension Analyzer {
    /// After stemming, drops a trailing "iti" (from "-ity") when at least three letters remain, so nouns meet
    /// their adjectives: "sparsity" → "spars" (= "sparse"), "density" → "dens", "activity" → "activ".
    /// Porter2 keeps "-ity" in short words; this extra step is not part of Snowball (the stemmer parity test
    /// checks `EnglishStemmer` alone).
    static func foldNoun(_ w: inout [UInt8]) {
        let n = w.count
        guard n >= 6, w[n - 3] == UInt8(ascii: "i"), w[n - 2] == UInt8(ascii: "t"), w[n - 1] == UInt8(ascii: "i")
        else { return }
        w.removeLast(3)
    }
}

/// Memo of word → term for one analysis run or one segment build (not shared between threads).
struct TermCache {
    var words: [[UInt8]: String] = [:]
    var terms: [String: String?] = [:]
    var stems: [String: String] = [:]

    mutating func word(_ bytes: [UInt8], isASCII: Bool) -> String {
        if let w = words[bytes] { return w }
        let raw = String(decoding: bytes, as: UTF8.self)
        let w = isASCII ? raw : TextNormalizer.normalize(raw)
        if words.count < 500_000 { words[bytes] = w }
        return w
    }

    mutating func term(for word: String, analyzer: Analyzer) -> String? {
        if let t = terms[word] { return t }
        let t = analyzer.term(forNormalized: word)
        if terms.count < 500_000 { terms[word] = t }
        return t
    }

    mutating func stemmed(_ word: String, analyzer: Analyzer) -> String {
        if let s = stems[word] { return s }
        let s = analyzer.stem(word)
        if stems.count < 500_000 { stems[word] = s }
        return s
    }
}

extension Analyzer {
    /// Analyzer for person names (authors): same tokenisation and folding, no stop words, no stemming.
    public static let names = Analyzer(stopWords: [], stems: false)
}

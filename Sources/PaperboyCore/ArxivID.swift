/// An arXiv identifier, in either scheme arXiv has used, with an optional version.
///
/// - New scheme (April 2007 on): `YYMM.NNNN` (to 1412) or `YYMM.NNNNN` (from 1501), e.g. `2405.15738`.
/// - Old scheme: `archive[.SUBJ]/YYMMNNN`, e.g. `hep-th/9901001`, `math.GT/0309136`.
///
/// ``init(parsing:)`` also accepts the forms people paste: `arXiv:2405.15738v2`, `https://arxiv.org/abs/…`,
/// `…/pdf/2405.15738v1.pdf`, `https://huggingface.co/papers/2405.15738`.
public struct ArxivID: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The identifier without version, e.g. `2405.15738` or `hep-th/9901001`.
    public let base: String
    /// The version number (`v2` → 2), if one was given.
    public let version: Int?

    public init(parsing input: String) throws(PaperboyError) {
        var text = input.trimmingWhitespace()
        guard !text.isEmpty else { throw .invalid("An arXiv id is required.") }
        guard text.utf8.count <= 200 else { throw .invalid("'\(text.prefix(40))…' is too long to be an arXiv id.") }
        text = ArxivID.stripDecorations(text)
        var version: Int?
        if let vIndex = text.lastIndex(of: "v"), vIndex != text.startIndex {
            let digits = text[text.index(after: vIndex)...]
            if !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit) {
                guard let v = Int(digits), v >= 1, v < 1000 else {
                    throw .invalid("'\(input)' has an invalid version number.")
                }
                version = v
                text = String(text[..<vIndex])
            }
        }
        guard ArxivID.isValidNew(text) || ArxivID.isValidOld(text) else {
            throw .invalid("'\(input)' is not an arXiv id (expected e.g. 2405.15738 or hep-th/9901001).")
        }
        self.base = text
        self.version = version
    }

    /// Whether this is an old-scheme id (`archive/YYMMNNN`).
    public var isOldStyle: Bool { base.contains("/") }

    /// The id with its version, if any: `2405.15738v2`.
    public var versioned: String { version.map { "\(base)v\($0)" } ?? base }

    public var description: String { versioned }

    /// `https://arxiv.org/abs/<id>`.
    public var absURL: String { "https://arxiv.org/abs/\(versioned)" }
    /// `https://arxiv.org/pdf/<id>`.
    public var pdfURL: String { "https://arxiv.org/pdf/\(versioned)" }

    /// Year and month of submission encoded in the id (`2405` → 2024-05).
    public var yearMonth: (year: Int, month: Int) {
        let digits: Substring = isOldStyle ? base[base.index(after: base.firstIndex(of: "/")!)...] : Substring(base)
        let yy = Int(digits.prefix(2)) ?? 0
        let mm = Int(digits.dropFirst(2).prefix(2)) ?? 0
        return (yy >= 91 ? 1900 + yy : 2000 + yy, mm)
    }

    public static func < (lhs: ArxivID, rhs: ArxivID) -> Bool {
        (lhs.base, lhs.version ?? 0) < (rhs.base, rhs.version ?? 0)
    }

    // MARK: - Scheme checks

    static func stripDecorations(_ raw: String) -> String {
        var text = raw
        let lower = text.lowercased()
        for prefix in ["https://", "http://"] where lower.hasPrefix(prefix) {
            text = String(text.dropFirst(prefix.count))
        }
        if let hostEnd = text.firstIndex(of: "/"), text[..<hostEnd].contains(".") &&
            (text[..<hostEnd].lowercased().hasSuffix("arxiv.org") || text[..<hostEnd].lowercased().hasSuffix("huggingface.co")) {
            var path = text[text.index(after: hostEnd)...]
            for section in ["abs/", "pdf/", "html/", "papers/", "format/"] where path.lowercased().hasPrefix(section) {
                path = path.dropFirst(section.count)
                break
            }
            text = String(path)
        }
        if let q = text.firstIndex(where: { $0 == "?" || $0 == "#" }) { text = String(text[..<q]) }
        if text.lowercased().hasSuffix(".pdf") { text = String(text.dropLast(4)) }
        while text.hasSuffix("/") { text.removeLast() }
        if text.lowercased().hasPrefix("arxiv:") { text = String(text.dropFirst(6)) }
        return text
    }

    static func isValidNew(_ s: String) -> Bool {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[0].allSatisfy(\.isASCIIDigit),
              parts[1].allSatisfy(\.isASCIIDigit) else { return false }
        let yymm = Int(parts[0])!
        let (yy, mm) = (yymm / 100, yymm % 100)
        guard (1...12).contains(mm), yymm >= 704 else { return false }
        return yy >= 15 ? parts[1].count == 5 : parts[1].count == 4
    }

    static func isValidOld(_ s: String) -> Bool {
        let parts = s.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].count == 7, parts[1].allSatisfy(\.isASCIIDigit) else { return false }
        let archive = parts[0]
        let nameAndSubject = archive.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(nameAndSubject.count),
              let name = nameAndSubject.first, !name.isEmpty,
              name.allSatisfy({ $0.isASCIILowercase || $0 == "-" }) else { return false }
        if nameAndSubject.count == 2 {
            let subject = nameAndSubject[1]
            guard subject.count == 2, subject.allSatisfy({ $0.isASCIILetter }) else { return false }
        }
        let mm = Int(parts[1].dropFirst(2).prefix(2))!
        let yy = Int(parts[1].prefix(2))!
        return (1...12).contains(mm) && (yy >= 91 || yy <= 7)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
    var isASCIILowercase: Bool { isASCII && isLowercase }
    var isASCIILetter: Bool { isASCII && isLetter }
}

extension String {
    /// The string without leading and trailing white space and newlines (no Foundation needed).
    public func trimmingWhitespace() -> String {
        let bytes = utf8
        if let first = bytes.first, let last = bytes.last, !Self.isASCIISpace(first), !Self.isASCIISpace(last),
           first < 0x80, last < 0x80 {
            return self
        }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        // One copy of the bytes; appending scalar by scalar was a quarter of a Kaggle import's CPU time.
        return String(Substring(scalars[first...last]))
    }

    /// Whether the string is empty or only white space (checked without allocating).
    public var isBlank: Bool {
        for byte in utf8 where !Self.isASCIISpace(byte) {
            if byte < 0x80 { return false }
            return trimmingWhitespace().isEmpty
        }
        return true
    }

    static func isASCIISpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0d) }
}

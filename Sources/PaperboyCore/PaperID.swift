/// The identity of a paper on this site: its arXiv base id when it has one, else a stable local id.
///
/// Local ids look like `local-3f9a0c2b71de` (12 hex digits of a 64-bit FNV-1a hash of the normalised title),
/// so re-importing the same seed list yields the same ids.
public struct PaperID: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    public let rawValue: String

    /// Parses a stored or user-supplied id: an arXiv id in any accepted form, or a `local-` id.
    public init(parsing text: String) throws(PaperboyError) {
        let trimmed = text.trimmingWhitespace()
        if trimmed.hasPrefix(PaperID.localPrefix) {
            let hex = trimmed.dropFirst(PaperID.localPrefix.count)
            guard hex.count == 12, hex.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else {
                throw .invalid("'\(trimmed)' is not a valid local paper id.")
            }
            rawValue = trimmed
        } else {
            rawValue = try ArxivID(parsing: trimmed).base
        }
    }

    public init(arxiv: ArxivID) { rawValue = arxiv.base }

    /// A local id derived from the title, for papers without an arXiv id: the hash of
    /// ``DuplicateRule/normalisedTitle(_:)``, which also makes it the paper's duplicate key.
    public static func local(title: String) -> PaperID {
        let normalised = DuplicateRule.normalisedTitle(title)
        return PaperID(unchecked: PaperID.localPrefix + FNV1a.hex(normalised).prefix(12))
    }

    /// Wraps a value read back from storage (already validated on the way in).
    public init(unchecked rawValue: String) { self.rawValue = rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    static let localPrefix = "local-"

    /// The length of a local id: the prefix and 12 hex digits.
    public static let localLength = localPrefix.count + 12

    public var isLocal: Bool { rawValue.hasPrefix(PaperID.localPrefix) }

    /// The arXiv id, when this paper has one.
    public var arxiv: ArxivID? { isLocal ? nil : try? ArxivID(parsing: rawValue) }

    public var description: String { rawValue }

    public static func < (lhs: PaperID, rhs: PaperID) -> Bool { lhs.rawValue < rhs.rawValue }
}

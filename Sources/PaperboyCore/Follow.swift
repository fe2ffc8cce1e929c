import Foundation

/// Something a signed-in subscriber follows for their digest: an author (by name), an arXiv category, or a saved
/// search (any query of the search language).
public struct Follow: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case author, category, search
    }

    public var kind: Kind
    public var value: String

    /// Validates and normalises: trimmed, 1–200 characters; categories look like `cs.CL` or `hep-th`.
    public init(kind: Kind, value raw: String) throws(PaperboyError) {
        let value = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...200).contains(value.count), value.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) else {
            throw PaperboyError(.invalidInput, "What to follow must be 1 to 200 characters.")
        }
        if kind == .category {
            guard value.count <= 40, value.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" }) else {
                throw PaperboyError(.invalidInput, "'\(value.prefix(40))' is not a category name (e.g. cs.CL).")
            }
        }
        self.kind = kind
        self.value = value
    }

    /// The search that finds this follow's papers (newest first).
    public var query: String {
        switch kind {
        case .author: "author:\"\(value.replacingOccurrences(of: "\"", with: " "))\" sort:date"
        case .category: "cat:\(value) sort:date"
        case .search: value
        }
    }

    /// How the digest and settings name it.
    public var label: String {
        switch kind {
        case .author: "Papers by \(value)"
        case .category: "New in \(value)"
        case .search: "Saved search: \(value)"
        }
    }
}

import Foundation
import PaperboyCore

/// The file formats `paperboy import` reads, one JSON object per line. Detected from the first record.
public enum ImportFormat: String, Sendable, CaseIterable {
    /// Hugging Face `daily_papers` API entries (`paper{…}`, plus `daily_date`/`rank_in_day` when dumped by day).
    case hfDaily = "hf-daily"
    /// arXiv listing scrapes (`id, title, authors[], categories[], abstract, first_listed, …`).
    case arxivListing = "arxiv-listing"
    /// Kaggle's `arxiv-metadata-oai-snapshot.json` (`id, submitter, authors, versions[], authors_parsed, …`).
    case kaggle
    /// The seed list (`title, abstract, authors_count, date, upvotes, github_urls`; no arXiv ids).
    case seed

    /// Guesses the format from one decoded record's keys.
    public static func detect(_ object: [String: Any]) -> ImportFormat? {
        if object["paper"] is [String: Any] { return .hfDaily }
        if object["id"] != nil, object["versions"] != nil || object["authors_parsed"] != nil || object["update_date"] != nil {
            return .kaggle
        }
        if object["id"] != nil, object["title"] != nil, object["first_listed"] != nil || object["listings"] != nil
            || object["categories"] is [Any] {
            return .arxivListing
        }
        if object["id"] == nil, object["title"] != nil, object["authors_count"] != nil || object["date_raw"] != nil {
            return .seed
        }
        return nil
    }

    /// Parses one decoded record into a paper and, for formats that feature papers on days, an entry.
    public func parse(_ object: [String: Any]) throws(PaperboyError) -> ParsedRecord {
        switch self {
        case .hfDaily: return try HFDailyRecord.parse(object)
        case .arxivListing: return try ArxivListingRecord.parse(object)
        case .kaggle: return try KaggleRecord.parse(object)
        case .seed: return try SeedRecord.parse(object)
        }
    }
}

/// One imported record.
public struct ParsedRecord: Sendable, Equatable {
    public var paper: Paper
    public var entry: DailyEntry?

    public init(paper: Paper, entry: DailyEntry? = nil) {
        self.paper = paper
        self.entry = entry
    }
}

/// Typed access to a JSON object with errors that say which field is wrong.
struct JSONFields {
    let object: [String: Any]

    init(_ object: [String: Any]) { self.object = object }

    func string(_ key: String) -> String? {
        guard let s = object[key] as? String, !s.isBlank else { return nil }
        return s
    }

    func requiredString(_ key: String) throws(PaperboyError) -> String {
        guard let s = string(key) else {
            throw .invalid(object[key] == nil ? "missing field '\(key)'" : "field '\(key)' must be a non-empty string")
        }
        return s
    }

    func int(_ key: String) throws(PaperboyError) -> Int? {
        switch object[key] {
        case nil, is NSNull: return nil
        case let n as NSNumber:
            let d = n.doubleValue
            guard d.isFinite, d == d.rounded(), abs(d) < 1e15 else { throw .invalid("field '\(key)' must be an integer") }
            return Int(d)
        default: throw .invalid("field '\(key)' must be a number")
        }
    }

    func object(_ key: String) -> [String: Any]? { object[key] as? [String: Any] }

    func strings(_ key: String) throws(PaperboyError) -> [String] {
        switch object[key] {
        case nil, is NSNull: return []
        case let list as [Any]:
            var out: [String] = []
            for item in list {
                guard let s = item as? String else { throw .invalid("field '\(key)' must be a list of strings") }
                out.append(s)
            }
            return out
        default: throw .invalid("field '\(key)' must be a list")
        }
    }
}

/// Categories that look like arXiv's (`cs.CL`, `hep-th`, `math.AG`); ACM/MSC class strings are dropped.
func arxivCategories(_ raw: [String]) -> [String] {
    var seen = Set<String>()
    return raw.filter { c in
        let parts = c.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let archive = parts.first, !archive.isEmpty,
              archive.allSatisfy({ $0.isLetter && $0.isLowercase || $0 == "-" }),
              parts.count == 1 || (parts[1].count >= 1 && parts[1].allSatisfy({ $0.isLetter || $0 == "-" }))
        else { return false }
        return seen.insert(c).inserted
    }
}

/// A document as the engine indexes it. Only `id` must be unique; everything else may be empty.
public struct SearchDocument: Sendable, Hashable, Codable {
    /// External id, e.g. an arXiv id "2405.15738".
    public var id: String
    public var title: String
    public var abstract: String
    /// Author names in order ("Tri Dao").
    public var authors: [String]
    /// Categories, primary first ("cs.CL").
    public var categories: [String]
    /// Day as yyyymmdd (20250115), 0 when unknown.
    public var day: Int
    /// Upvotes (for sorting), 0 when unknown.
    public var upvotes: Int

    public init(
        id: String, title: String, abstract: String, authors: [String] = [], categories: [String] = [],
        day: Int = 0, upvotes: Int = 0
    ) {
        self.id = id
        self.title = title
        self.abstract = abstract
        self.authors = authors
        self.categories = categories
        self.day = day
        self.upvotes = upvotes
    }

    /// Parses the day from an ISO date or timestamp ("2025-10-01", "2025-10-01T12:00:00Z") as yyyymmdd, else 0.
    public static func day(fromISO text: String) -> Int {
        let digits = Array(text.utf8.prefix(10))
        guard digits.count == 10, digits[4] == UInt8(ascii: "-"), digits[7] == UInt8(ascii: "-") else { return 0 }
        var value = 0
        for (i, c) in digits.enumerated() where i != 4 && i != 7 {
            guard c >= 0x30 && c <= 0x39 else { return 0 }
            value = value * 10 + Int(c - 0x30)
        }
        return value
    }
}

import Foundation

/// A comment on a paper; replies have a `parentID` (one level: replies to replies attach to the top comment).
public struct Comment: Hashable, Sendable {
    public var id: Int64
    public var paperID: PaperID
    public var parentID: Int64?
    public var authorID: Int64
    public var author: UserRef
    /// Markdown source as written (rendered safely by the web layer).
    public var body: String
    public var createdAt: Date
    public var editedAt: Date?
    /// Hidden by a moderator: kept, but not shown to others.
    public var hidden: Bool

    public init(id: Int64, paperID: PaperID, parentID: Int64?, authorID: Int64, author: UserRef, body: String,
                createdAt: Date, editedAt: Date? = nil, hidden: Bool = false) {
        self.id = id
        self.paperID = paperID
        self.parentID = parentID
        self.authorID = authorID
        self.author = author
        self.body = body
        self.createdAt = createdAt
        self.editedAt = editedAt
        self.hidden = hidden
    }

    /// Bodies are 1–10,000 characters after trimming; control characters other than line breaks and tabs are
    /// dropped (a NUL would also cut the text short in SQLite's `length()`).
    public static func validateBody(_ raw: String) throws(PaperboyError) -> String {
        let body = stripControls(raw).trimmingWhitespace()
        guard !body.isEmpty else { throw .invalid("A comment cannot be empty.") }
        guard body.count <= 10_000 else { throw .invalid("A comment has at most 10,000 characters.") }
        return body
    }

    /// `s` without C0/C1 control characters other than `\n`, `\r` and `\t`.
    public static func stripControls(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars where !(u.properties.generalCategory == .control && !["\n", "\r", "\t"].contains(u)) {
            out.append(u)
        }
        return String(out)
    }
}

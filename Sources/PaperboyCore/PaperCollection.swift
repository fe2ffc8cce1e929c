import Foundation

/// A user's named list of papers, public or private, at `/collections/{owner}/{slug}`.
public struct PaperCollection: Hashable, Sendable {
    public var id: Int64
    public var ownerID: Int64
    public var owner: String
    public var slug: String
    public var name: String
    public var description: String
    public var isPublic: Bool
    /// Newest addition first.
    public var paperIDs: [PaperID]
    public var createdAt: Date

    public init(id: Int64, ownerID: Int64, owner: String, slug: String, name: String, description: String,
                isPublic: Bool, paperIDs: [PaperID] = [], createdAt: Date) {
        self.id = id
        self.ownerID = ownerID
        self.owner = owner
        self.slug = slug
        self.name = name
        self.description = description
        self.isPublic = isPublic
        self.paperIDs = paperIDs
        self.createdAt = createdAt
    }

    /// Names are 1–100 characters after trimming.
    public static func validateName(_ raw: String) throws(PaperboyError) -> String {
        let name = Comment.stripControls(raw).trimmingWhitespace()
        guard !name.isEmpty else { throw .invalid("A collection needs a name.") }
        guard name.count <= 100 else { throw .invalid("A collection name has at most 100 characters.") }
        return name
    }

    /// A URL slug from a name: lower-case ASCII letters and digits joined by `-` ("My *best* papers" → "my-best-papers");
    /// `collection` when nothing is left.
    public static func slug(for name: String) -> String {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
        var out = ""
        var dash = false
        for s in folded.unicodeScalars {
            if s.isASCII, ("a"..."z").contains(s) || ("0"..."9").contains(s) {
                if dash && !out.isEmpty { out += "-" }
                dash = false
                out.unicodeScalars.append(s)
            } else {
                dash = true
            }
            if out.count >= 60 { break }
        }
        return out.isEmpty ? "collection" : out
    }
}

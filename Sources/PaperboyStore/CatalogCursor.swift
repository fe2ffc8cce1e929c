import Foundation
import PaperboyCore

/// A position in the whole catalog's order — newest first by `publishedAt` (papers without one last), then by id
/// descending — for keyset paging (``PaperStore/latestPapers(after:limit:)``). A page continues strictly after
/// the last paper it showed, so papers inserted meanwhile never shift later pages (no repeats, no skips of papers
/// that were there when paging began).
///
/// ``token`` is the opaque form clients carry (`GET /api/papers?cursor=`): base64url of `v1`, the exact bit
/// pattern of the time (or `-` for none) and the id. Clients must not build it; ``init(token:)`` rejects anything
/// it did not write.
public struct CatalogCursor: Sendable, Hashable {
    public var publishedAt: Date?
    public var id: PaperID

    public init(publishedAt: Date?, id: PaperID) {
        self.publishedAt = publishedAt
        self.id = id
    }

    /// The cursor after `paper` (the last one of a page).
    public init(after paper: Paper) {
        self.init(publishedAt: paper.publishedAt, id: paper.id)
    }

    /// The opaque text form.
    public var token: String {
        let time = publishedAt.map { String($0.timeIntervalSince1970.bitPattern, radix: 16) } ?? "-"
        return Base64URL.encode(Data("v1:\(time):\(id.rawValue)".utf8))
    }

    /// Parses a ``token``; `invalidInput` for anything else.
    public init(token: String) throws(PaperboyError) {
        let invalid = PaperboyError.invalid("'cursor' is not a cursor this site gave out (take it from a Link header).")
        guard token.utf8.count <= 200, let data = Base64URL.decode(token), let text = String(data: data, encoding: .utf8)
        else { throw invalid }
        let parts = text.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "v1", (1...64).contains(parts[2].utf8.count) else { throw invalid }
        if parts[1] == "-" {
            publishedAt = nil
        } else {
            guard let bits = UInt64(parts[1], radix: 16) else { throw invalid }
            let seconds = Double(bitPattern: bits)
            guard seconds.isFinite else { throw invalid }
            publishedAt = Date(timeIntervalSince1970: seconds)
        }
        id = PaperID(unchecked: String(parts[2]))
    }

    /// Whether `paper` comes after this position in catalog order (the keyset predicate every backend implements).
    public func precedes(_ paper: Paper) -> Bool {
        switch (publishedAt, paper.publishedAt) {
        case let (mine?, theirs?): return theirs < mine || (theirs == mine && paper.id < id)
        case (_?, nil): return true
        case (nil, _?): return false
        case (nil, nil): return paper.id < id
        }
    }
}

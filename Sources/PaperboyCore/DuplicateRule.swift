/// When two records are the same paper under two ids (issue #17): a `local-…` paper (the seed list's papers have
/// no arXiv id) and a paper with an arXiv id.
///
/// **The key** is the normalised title — lower-cased, cut at every character that is not a letter or a digit,
/// the pieces joined by single spaces (`normalisedTitle`) — hashed exactly as a local id is
/// (``PaperID/local(title:)``), so a local paper's id *is* its key and an arXiv paper's key is the local id its
/// title would get. An empty normalised title (a title of punctuation only) has no key and never merges.
///
/// **The author check**: when both records name authors, they must share at least one author, compared by surname
/// (the last word of ``Author/normalise(_:)``) and first initial, so "Zeqing Wang" and "Z. Wang" agree while two
/// different papers that share a generic title ("Introduction") but no author do not merge. When either side has
/// no author names (the seed list gives only a count), the title alone decides.
///
/// **Who survives**: the arXiv paper, always; two arXiv papers never merge (their ids already say which paper
/// is which), and two local papers with one key are already one id. When several arXiv papers match a local one,
/// the smallest id wins, so the outcome does not depend on the order they were met in within one read.
///
/// Changing this rule changes keys of stored papers: it then needs a migration that re-merges.
public enum DuplicateRule {
    /// The title as the key sees it (also what ``PaperID/local(title:)`` hashes).
    public static func normalisedTitle(_ title: String) -> String {
        title.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: " ")
    }

    /// The duplicate key of a title: the local id a paper of that title has or would have; `nil` when the
    /// normalised title is empty.
    public static func key(ofTitle title: String) -> PaperID? {
        normalisedTitle(title).isEmpty ? nil : PaperID.local(title: title)
    }

    /// Whether two author lists allow a merge: either is empty, or they share an author (surname and first initial).
    public static func authorsAgree(_ a: [Author], _ b: [Author]) -> Bool {
        let left = Set(a.compactMap(authorKey)), right = Set(b.compactMap(authorKey))
        if left.isEmpty || right.isEmpty { return true }
        return !left.isDisjoint(with: right)
    }

    /// Whether `local` (a `local-…` paper) is `arxiv` (a paper with an arXiv id) under another id: the title of
    /// `arxiv` hashes to `local`'s id and the authors agree.
    public static func isDuplicate(local: Paper, of arxiv: Paper) -> Bool {
        guard local.id.isLocal, !arxiv.id.isLocal, let key = key(ofTitle: arxiv.title) else { return false }
        return key == local.id && authorsAgree(local.authors, arxiv.authors)
    }

    /// The surviving paper for `local` among `candidates`: the smallest arXiv id that ``isDuplicate(local:of:)``.
    public static func survivor(for local: Paper, among candidates: [Paper]) -> Paper? {
        candidates.filter { isDuplicate(local: local, of: $0) }.min { $0.id < $1.id }
    }

    /// Surname + first initial ("wang z"); `nil` for a name without letters or digits.
    static func authorKey(_ author: Author) -> String? {
        let words = Author.normalise(author.name).split(separator: " ")
        guard let last = words.last, let first = words.first?.first else { return nil }
        return words.count == 1 ? String(last) : "\(last) \(first)"
    }
}

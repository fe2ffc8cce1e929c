import PaperboyCore
import PaperboySearch

/// Scales a corpus up to N documents by deterministic recombination of real ones: document i ≥ count takes the
/// title of one random document, the first half (by sentences) of another's abstract joined to the second half
/// of a third's, and authors, categories and day of a fourth. Vocabulary and length statistics stay realistic.
public enum CorpusScaler {
    public static func scale(_ documents: [SearchDocument], to n: Int, seed: UInt64 = 7) -> [SearchDocument] {
        guard !documents.isEmpty, n > documents.count else { return Array(documents.prefix(n)) }
        var rng = SeededGenerator(seed: seed)
        let sentences = documents.map { sentencesOf($0.abstract) }
        var out = documents
        out.reserveCapacity(n)
        for i in documents.count..<n {
            let a = rng.below(documents.count)
            let b = rng.below(documents.count)
            let c = rng.below(documents.count)
            let d = rng.below(documents.count)
            let first = sentences[b].prefix((sentences[b].count + 1) / 2)
            let second = sentences[c].suffix(sentences[c].count / 2)
            out.append(
                SearchDocument(
                    id: "scaled-\(i)", title: documents[a].title, abstract: (first + second).joined(separator: " "),
                    authors: documents[d].authors, categories: documents[d].categories, day: documents[d].day,
                    upvotes: documents[d].upvotes))
        }
        return out
    }

    /// Splits text after ". " into sentences.
    static func sentencesOf(_ text: String) -> [String] {
        var out: [String] = []
        var current = ""
        var previous: Character = " "
        for ch in text {
            if ch == " " && previous == "." {
                out.append(current)
                current = ""
            } else {
                current.append(ch)
            }
            previous = ch
        }
        if !current.isEmpty { out.append(current) }
        return out
    }
}

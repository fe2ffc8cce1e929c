/// The stop list applied (before stemming) to index and query text.
///
/// It is Lucene's `EnglishAnalyzer` default set (33 words) plus a few words that carry no topic in
/// scientific abstracts ("we", "our", "can"). Stop words keep their position, so phrases still line up.
public enum StopWords {
    /// The words, lowercase.
    public static let english: Set<String> = [
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it", "no",
        "not", "of", "on", "or", "such", "that", "the", "their", "then", "there", "these", "they", "this",
        "to", "was", "will", "with", "we", "our", "can",
    ]
}

/// One result of a vector search: the stored id and its score (dot product of unit vectors = cosine
/// similarity, in [-1, 1]; higher is closer). Results are sorted by score descending, ties by id.
public struct VectorSearchHit: Sendable, Equatable, Hashable {
    public let id: String
    public let score: Float

    public init(id: String, score: Float) {
        self.id = id
        self.score = score
    }
}

/// An error from the vector index: a stable `code` and a human `message`.
public struct VectorIndexError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// A vector's length differs from the index dimension, or it holds NaN/infinity.
        case invalidVector = "vectors.invalid_vector"
        /// An index file is not in the expected format (bad magic, version, truncated, inconsistent).
        case invalidFile = "vectors.invalid_file"
        /// Reading or writing the index file failed.
        case io = "vectors.io"
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}

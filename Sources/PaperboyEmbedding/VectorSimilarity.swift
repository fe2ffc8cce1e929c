/// How close two embeddings are.
public enum VectorSimilarity {
    /// Cosine similarity of two equal-length vectors (0 when either is zero).
    public static func cosine<A: Collection, B: Collection>(_ a: A, _ b: B) -> Float
        where A.Element == Float, B.Element == Float
    {
        var dot: Float = 0, na: Float = 0, nb: Float = 0
        for (x, y) in zip(a, b) {
            dot += x * y
            na += x * x
            nb += y * y
        }
        return dot / max((na * nb).squareRoot(), 1e-30)
    }
}

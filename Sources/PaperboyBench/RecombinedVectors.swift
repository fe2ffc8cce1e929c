import PaperboyCore
/// Grows a set of real embeddings to any number of vectors by deterministic recombination, keeping their clusters
/// (pure random vectors make an HNSW graph look unrealistically good or bad).
///
/// Vector `n` is base row `n` for `n < baseCount`; beyond, it is `normalize(x_i + w·x_j + e)` where `i` and `j` are
/// base rows drawn uniformly, `w` is uniform in `[0, maxWeight)` and `e` has independent coordinates uniform in
/// `±noise`. Base rows are L2-normalised first, so `noise` is relative to unit vectors. Each vector's draws come from
/// a SplitMix64 stream seeded by a hash of `(seed, n)`: vector `n` is the same whatever order vectors are made in.
public struct RecombinedVectors: Sendable {
    /// Weight of the second base vector is drawn from `[0, maxWeight)`.
    public static let maxWeight: Float = 0.5
    /// Each coordinate of the noise is drawn from `[-noise, noise)` (≈ 0.11 in norm at 384 dimensions).
    public static let noise: Float = 0.01

    /// Floats per vector.
    public let dimension: Int
    /// Rows of the base set.
    public let baseCount: Int
    public let seed: UInt64
    /// `[baseCount, dimension]`, row-major, unit-length rows.
    private let base: [Float]

    /// `base` is row-major `[rows, dimension]` (e.g. the 5,183 × 384 SciFact MiniLM embeddings). Nil when it holds
    /// no rows or its length is not a multiple of `dimension`.
    public init?(base: [Float], dimension: Int, seed: UInt64 = 0x5C1F_AC7) {
        guard dimension > 0, !base.isEmpty, base.count % dimension == 0 else { return nil }
        self.dimension = dimension
        baseCount = base.count / dimension
        self.seed = seed
        var rows = base
        for r in 0..<baseCount { Self.normalize(&rows, row: r, dimension: dimension) }
        self.base = rows
    }

    /// Vector `n` (≥ 0), unit length, `dimension` floats.
    public func vector(at n: Int) -> [Float] {
        if n < baseCount { return Array(base[(n * dimension)..<((n + 1) * dimension)]) }
        var hash = SeededGenerator(seed: seed &+ UInt64(n))
        var rng = SeededGenerator(seed: hash.next())
        let i = rng.below(baseCount) * dimension
        let j = rng.below(baseCount) * dimension
        let w = Self.maxWeight * Self.unit(&rng)
        var v = [Float](repeating: 0, count: dimension)
        for c in 0..<dimension {
            v[c] = base[i + c] + w * base[j + c] + Self.noise * (2 * Self.unit(&rng) - 1)
        }
        Self.normalize(&v, row: 0, dimension: dimension)
        return v
    }

    /// Uniform in [0, 1).
    private static func unit(_ rng: inout SeededGenerator) -> Float {
        Float(Double(rng.next() >> 11) / Double(UInt64(1) << 53))
    }

    /// Scales row `row` of `values` to unit length (a zero row stays zero).
    private static func normalize(_ values: inout [Float], row: Int, dimension: Int) {
        let range = (row * dimension)..<((row + 1) * dimension)
        var norm: Float = 0
        for k in range { norm += values[k] * values[k] }
        norm = norm.squareRoot()
        guard norm > 0, norm.isFinite else { return }
        for k in range { values[k] /= norm }
    }
}

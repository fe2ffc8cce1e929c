/// The constants of the ranking, in one place. Chosen with `paperboy eval recommend` on cutoff 2025-12-01 + 90 days
/// (README has the table for that and the other cutoffs); the score of a candidate paper is
///
///     author affinity / (its author count)^candidateAuthorExponent
///   + text × σ(regression margin)
///   + category × mean category affinity
///   + popularity × log(1 + upvotes) / log(1 + the window's most upvotes) × fade / (fade + signal strength)
public struct RecommenderParameters: Sendable, Hashable {
    /// A paper with many authors matches some liked author by chance more often: its author sum is damped.
    public var candidateAuthorExponent: Float = 0.25
    public var text: Float = 0.05
    public var category: Float = 0.05
    public var popularity: Float = 0.05
    /// The popularity prior weighs `fade / (fade + strength)`: all at cold start, a tenth after 9 × fade signals.
    public var fade: Float = 5
    /// Affinity of a followed author (a liked paper gives each of its authors 1/author count).
    public var followedAuthor: Float = 1
    public var maxPositives = 500
    public var negativesPerPositive = 4
    public var notInterestedWeight: Float = 3
    public var epochs = 30
    public var updateSteps = 3
    /// Off until measured (`paperboy bench recommend` prints both variants; `eval recommend --set quantizedText=1`).
    /// Text scores from the vectors' int8 codes instead of their floats: a quarter of the memory a 50k-candidate
    /// window reads (most of a request's time), each regression margin within ‖w‖ × the index's int8 error bound
    /// (≈ 0.01 here) of the float one, so a text term moves by < 0.05 × 0.25 × that — far below the gaps between
    /// ranked papers. Measured by `paperboy bench recommend` (both variants in the same run) and `eval recommend`.
    public var quantizedText = false

    public static let `default` = RecommenderParameters()

    public init() {}
}

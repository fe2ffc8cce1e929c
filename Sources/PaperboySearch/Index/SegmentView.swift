/// A segment as one snapshot sees it: its deletions, norm table, doc base and block-max correction.
final class SegmentView: Sendable {
    let segment: Segment
    let deletions: DeletionSet
    let norms: NormTable
    /// Global doc number of local doc 0 within the snapshot.
    let docBase: Int
    /// max(1, snapshot average / segment's block-max average) over fields; see `PostingCursor.blockScale`.
    let blockScale: Float
    /// File name of the segment inside an index directory (stable across saves).
    let name: String

    init(segment: Segment, deletions: DeletionSet, docBase: Int, name: String, parameters: BM25Parameters,
         averages: [Float]) {
        self.segment = segment
        self.deletions = deletions
        self.docBase = docBase
        self.name = name
        norms = NormTable(segment: segment, parameters: parameters, averages: averages)
        var scale: Float = 1
        for f in 0..<3 {
            if segment.blockMaxAverage[f] > 0 {
                scale = max(scale, averages[f] / segment.blockMaxAverage[f])
            } else if averages[f] > 0 {
                // Block maxima were computed without length normalisation for this field: bound the factor
                // norm(len) / norm(average 0) = 1 / (1 − b + b·len/avg) ≤ 1 / (1 − b).
                let bf = f < parameters.b.count ? min(max(parameters.b[f], 0), 1) : 0.75
                scale = max(scale, bf < 1 ? 1 / (1 - bf) : 1e6)
            }
        }
        blockScale = scale
    }

    var liveCount: Int { segment.docCount - deletions.count }

    @inline(__always) func isLive(_ doc: Int) -> Bool { !deletions.contains(doc) }
}

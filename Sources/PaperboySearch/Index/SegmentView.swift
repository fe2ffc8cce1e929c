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
            } else if averages[f] > 0 && parameters.b[f] < 1 {
                // Block maxima were computed without length normalisation for this field.
                scale = max(scale, 1 / (1 - parameters.b[f]))
            }
        }
        blockScale = scale
    }

    var liveCount: Int { segment.docCount - deletions.count }

    @inline(__always) func isLive(_ doc: Int) -> Bool { !deletions.contains(doc) }
}

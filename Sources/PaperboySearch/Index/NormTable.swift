/// Per-document BM25F norm factors of one segment for one snapshot (see `BM25Parameters.norm`), one Float per
/// doc and field, computed once when the snapshot is made so scoring is a multiply-add.
final class NormTable: @unchecked Sendable {
    /// Pointers per field [title, abstract, authors], each `docCount` Floats. Immutable after init.
    let fields: [UnsafeMutablePointer<Float>]

    init(segment: Segment, parameters: BM25Parameters, averages: [Float]) {
        let n = max(segment.docCount, 1)
        fields = (0..<3).map { field in
            let p = UnsafeMutablePointer<Float>.allocate(capacity: n)
            let section: SegmentParts.Section =
                field == 0 ? .titleLengths : (field == 1 ? .abstractLengths : .authorLengths)
            let lengths = segment.pointer(section)
            for d in 0..<segment.docCount {
                let len = Int(lengths.loadUnaligned(fromByteOffset: d * 4, as: UInt32.self))
                p[d] = parameters.norm(field: field, length: len, average: averages[field])
            }
            return p
        }
    }

    deinit { for p in fields { p.deallocate() } }
}

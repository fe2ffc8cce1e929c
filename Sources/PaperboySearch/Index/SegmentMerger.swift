/// Merges segments into one, dropping deleted documents: doc values are copied with new doc numbers and
/// every term's postings are decoded and re-encoded (block maxima recomputed for the merged lengths).
enum SegmentMerger {
    static func merge(_ inputs: [(Segment, DeletionSet)], parameters: BM25Parameters) -> SegmentParts {
        var parts = SegmentParts()
        var remaps: [[Int]] = []
        var categoryOrdinals: [String: UInt32] = [:]
        var next = 0
        for (segment, deletions) in inputs {
            var remap = [Int](repeating: -1, count: segment.docCount)
            var ordinalMap: [UInt32] = []
            for name in segment.categoryNames {
                if let o = categoryOrdinals[name] {
                    ordinalMap.append(o)
                } else {
                    let o = UInt32(parts.categoryNames.count)
                    categoryOrdinals[name] = o
                    parts.categoryNames.append(name)
                    ordinalMap.append(o)
                }
            }
            for doc in 0..<segment.docCount where !deletions.contains(doc) {
                remap[doc] = next
                next += 1
                for f in 0..<3 {
                    let len = segment.length(field: f, doc: doc)
                    parts.lengths[f].append(UInt32(len))
                    parts.sumLength[f] += UInt64(len)
                }
                parts.days.append(Int32(segment.day(doc)))
                parts.upvotes.append(Int32(segment.upvotes(doc)))
                let primary = segment.primaryCategory(doc)
                parts.primaryCategory.append(primary >= 0 ? Int32(ordinalMap[primary]) : -1)
                for i in segment.categories(doc) { parts.categoryList.append(ordinalMap[segment.categoryOrdinal(at: i)]) }
                parts.categoryOffsets.append(UInt32(parts.categoryList.count))
                parts.ids.append(segment.id(doc))
            }
            remaps.append(remap)
        }
        parts.docCount = next
        let averages = (0..<3).map { next > 0 ? Float(Double(parts.sumLength[$0]) / Double(next)) : 0 }
        parts.blockMaxAverage = averages
        let norms = (0..<3).map { f in parts.lengths[f].map { parameters.norm(field: f, length: Int($0), average: averages[f]) } }
        var termSet = Set<String>()
        for (segment, _) in inputs { for t in 0..<segment.termCount { termSet.insert(segment.term(t)) } }
        let terms = termSet.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var encoder = PostingsEncoder(norms: norms, parts: parts)
        var dummy: Float = 0
        var positions: [Int] = []
        var positions32: [UInt32] = []
        withUnsafeMutablePointer(to: &dummy) { dummyPointer in
            for term in terms {
                for (k, (segment, _)) in inputs.enumerated() {
                    guard let o = segment.lookup(term) else { continue }
                    let cursor = PostingCursor(
                        segment: segment, info: segment.termInfo(o), weight: 0, k1: 1, blockScale: 1,
                        norm0: dummyPointer, norm1: dummyPointer)
                    cursor.advance(to: 0)
                    while cursor.doc != PostingCursor.noMoreDocs {
                        let newDoc = remaps[k][cursor.doc]
                        if newDoc >= 0 {
                            let (a, c) = cursor.frequencies
                            cursor.positions(into: &positions)
                            positions32.removeAll(keepingCapacity: true)
                            for p in positions { positions32.append(UInt32(p)) }
                            positions32.withUnsafeBufferPointer {
                                encoder.add(doc: UInt32(newDoc), tf0: a, tf1: c, positions: $0)
                            }
                        }
                        cursor.next()
                    }
                }
                encoder.finishTerm(term)
            }
        }
        return encoder.parts
    }
}

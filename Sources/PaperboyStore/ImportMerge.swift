import PaperboyCore

/// The import rule both database backends apply inside their write transaction: each incoming paper is merged into
/// what is stored (``Paper/merged(with:)``), and only the papers that changed are returned for writing.
public enum ImportMerge {
    /// Merges `incoming` into `current` (the stored rows of those ids; updated in place) and counts what happened.
    /// A paper met twice in one batch counts as inserted (or updated) once. The result is in id order.
    public static func merge(_ incoming: [Paper], into current: inout [PaperID: Paper], counts: inout ImportCounts)
        -> [Paper] {
        var dirty: [PaperID: Paper] = [:]
        var inserted: Set<PaperID> = []
        for paper in incoming {
            if let old = current[paper.id] {
                let merged = old.merged(with: paper)
                if merged == old {
                    counts.papersUnchanged += 1
                } else {
                    if !inserted.contains(paper.id) { counts.papersUpdated += 1 } else { counts.papersUnchanged += 1 }
                    dirty[paper.id] = merged
                    current[paper.id] = merged
                }
            } else {
                counts.papersInserted += 1
                inserted.insert(paper.id)
                dirty[paper.id] = paper
                current[paper.id] = paper
            }
        }
        return dirty.values.sorted { $0.id < $1.id }
    }
}

import PaperboyCore
/// Draws benchmark queries: spans of 2–4 consecutive words from titles of the corpus, with a fixed seed.
public enum QuerySampler {
    /// `count` queries from `titles` (words are whitespace-separated; punctuation-only words are skipped).
    public static func draw(titles: [String], count: Int = 1000, seed: UInt64 = 20_260_101) -> [String] {
        var rng = SeededGenerator(seed: seed)
        let usable = titles.map(words).filter { $0.count >= 2 }
        guard !usable.isEmpty else { return [] }
        var out: [String] = []
        out.reserveCapacity(count)
        while out.count < count {
            let w = usable[rng.below(usable.count)]
            let length = min(2 + rng.below(3), w.count)
            let start = rng.below(w.count - length + 1)
            out.append(w[start..<(start + length)].joined(separator: " "))
        }
        return out
    }

    /// Words of a title: whitespace split, surrounding punctuation trimmed, empty pieces dropped.
    static func words(_ title: String) -> [String] {
        title.split(whereSeparator: { $0.isWhitespace }).map { piece in
            String(piece).trimmingCharacters(in: { !$0.isLetter && !$0.isNumber })
        }.filter { !$0.isEmpty }
    }
}

extension String {
    func trimmingCharacters(in drop: (Character) -> Bool) -> String {
        guard let a = firstIndex(where: { !drop($0) }), let b = lastIndex(where: { !drop($0) }) else { return "" }
        return String(self[a...b])
    }
}

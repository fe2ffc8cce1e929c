/// Length bucketing for packed batches: sequences sorted by length (longest first) and cut into
/// consecutive groups of at most `tokenBudget` tokens, so every batch holds sequences of similar length
/// and, because batches are packed, no padding is computed at all.
struct BatchPlan: Equatable, Sendable {
    /// Original indices of the sequences in each batch.
    let batches: [[Int]]
    /// The largest token count of any batch (the workspace capacity needed).
    let maxBatchTokens: Int

    init(lengths: [Int], tokenBudget: Int) {
        let order = lengths.indices.sorted { lengths[$0] != lengths[$1] ? lengths[$0] > lengths[$1] : $0 < $1 }
        var batches: [[Int]] = []
        var current: [Int] = []
        var tokens = 0
        var maxTokens = 0
        for index in order {
            let length = lengths[index]
            if !current.isEmpty && tokens + length > tokenBudget {
                batches.append(current)
                maxTokens = max(maxTokens, tokens)
                current = []
                tokens = 0
            }
            current.append(index)
            tokens += length
        }
        if !current.isEmpty {
            batches.append(current)
            maxTokens = max(maxTokens, tokens)
        }
        self.batches = batches
        self.maxBatchTokens = maxTokens
    }
}

/// Stage 4 of the BERT tokenizer: truncation and the `[CLS] … [SEP]` template.
public struct BertPostProcessor: Sendable {
    public let classifierID: Int32
    public let separatorID: Int32
    /// Maximum sequence length including `[CLS]` and `[SEP]` (256 for all-MiniLM-L6-v2); at least 2.
    public let maxLength: Int

    public init(classifierID: Int32, separatorID: Int32, maxLength: Int) {
        self.classifierID = classifierID
        self.separatorID = separatorID
        self.maxLength = max(2, maxLength)
    }

    /// `[CLS] + ids.prefix(maxLength - 2) + [SEP]`.
    public func process(_ ids: [Int32]) -> [Int32] {
        var out: [Int32] = []
        let kept = min(ids.count, maxLength - 2)
        out.reserveCapacity(kept + 2)
        out.append(classifierID)
        out.append(contentsOf: ids[0..<kept])
        out.append(separatorID)
        return out
    }
}

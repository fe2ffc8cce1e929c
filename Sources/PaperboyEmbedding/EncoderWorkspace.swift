/// Scratch buffers for one forward pass over a packed batch of up to `capacity` tokens.
/// Owned by one worker at a time (not `Sendable`); reused across batches.
final class EncoderWorkspace {
    let capacity: Int
    let maxSequence: Int
    /// Hidden states `[tokens, hidden]`.
    let hidden: UnsafeMutablePointer<Float>
    /// Residual-plus-sublayer scratch `[tokens, hidden]`.
    let residual: UnsafeMutablePointer<Float>
    /// Query, key and value `[tokens, 3 * hidden]`.
    let qkv: UnsafeMutablePointer<Float>
    /// Attention context `[tokens, hidden]`.
    let context: UnsafeMutablePointer<Float>
    /// Feed-forward activations `[tokens, intermediate]`.
    let intermediate: UnsafeMutablePointer<Float>
    /// Attention scores of one sequence and head `[maxSequence, maxSequence]`.
    let scores: UnsafeMutablePointer<Float>
    /// Softmax denominators of one score matrix `[maxSequence]`.
    let rowScales: UnsafeMutablePointer<Float>

    init(capacity: Int, maxSequence: Int, configuration c: BertConfiguration) {
        self.capacity = capacity
        self.maxSequence = maxSequence
        hidden = .allocate(capacity: capacity * c.hiddenSize)
        residual = .allocate(capacity: capacity * c.hiddenSize)
        qkv = .allocate(capacity: capacity * 3 * c.hiddenSize)
        context = .allocate(capacity: capacity * c.hiddenSize)
        intermediate = .allocate(capacity: capacity * c.intermediateSize)
        scores = .allocate(capacity: maxSequence * maxSequence)
        rowScales = .allocate(capacity: maxSequence)
    }

    deinit {
        hidden.deallocate()
        residual.deallocate()
        qkv.deallocate()
        context.deallocate()
        intermediate.deallocate()
        scores.deallocate()
        rowScales.deallocate()
    }
}

/// The BERT encoder of all-MiniLM-L6-v2 with mean pooling and L2 normalisation, run on CPU with OpenBLAS.
///
/// Sequences are *packed*: a batch of sequences with lengths `L₁…Lₙ` is one `[T, hidden]` matrix with
/// `T = ΣLᵢ` rows and no padding. The linear layers run over all `T` rows at once; attention runs per
/// sequence and per head on that sequence's rows, so no attention mask is needed (it is equivalent to
/// Hugging Face's padded batch with the additive `-inf` mask).
struct BertModel: Sendable {
    let configuration: BertConfiguration
    let weights: BertWeights

    /// Encodes a packed batch and writes one L2-normalised, mean-pooled embedding per sequence.
    /// - Parameters:
    ///   - sequences: token ids per sequence (each `1…maxSequence` long, including `[CLS]`/`[SEP]`).
    ///   - workspace: scratch with `capacity ≥ Σ lengths` and `maxSequence ≥` every length.
    ///   - output: `[sequences.count, hidden]`.
    ///   - splitThreads: threads that share each projection/FFN product (column blocks); 1 = the calling thread only.
    func encode(_ sequences: [[Int32]], workspace ws: EncoderWorkspace, output: UnsafeMutablePointer<Float>, splitThreads: Int = 1) {
        let c = configuration
        let h = c.hiddenSize
        let lengths = sequences.map(\.count)
        let tokens = lengths.reduce(0, +)
        embed(sequences, into: ws.hidden)
        for layer in weights.layers {
            transformerLayer(layer, lengths: lengths, tokens: tokens, workspace: ws, split: splitThreads)
        }
        // Mean pooling over each sequence's rows, then L2 normalisation: [n, hidden].
        var row = 0
        for (s, length) in lengths.enumerated() {
            let out = output + s * h
            out.initialize(repeating: 0, count: h)
            for t in row..<(row + length) {
                let x = ws.hidden + t * h
                for j in 0..<h { out[j] += x[j] }
            }
            var norm: Float = 0
            for j in 0..<h {
                out[j] /= Float(max(length, 1))
                norm += out[j] * out[j]
            }
            let inv = 1 / max(norm.squareRoot(), 1e-12)
            for j in 0..<h { out[j] *= inv }
            row += length
        }
    }

    /// `hidden[t] = LayerNorm(word[id] + position[p] + tokenType[0])`: `[tokens, hidden]`.
    private func embed(_ sequences: [[Int32]], into hidden: UnsafeMutablePointer<Float>) {
        let c = configuration
        let h = c.hiddenSize
        weights.wordEmbeddings.withUnsafeBufferPointer { word in
        weights.positionEmbeddings.withUnsafeBufferPointer { position in
        weights.tokenTypeEmbeddings.withUnsafeBufferPointer { type in
            var t = 0
            for sequence in sequences {
                for (p, id) in sequence.enumerated() {
                    let w = word.baseAddress! + Int(id) * h
                    let pos = position.baseAddress! + p * h
                    let ty = type.baseAddress!
                    let x = hidden + t * h
                    for j in 0..<h { x[j] = w[j] + pos[j] + ty[j] }
                    t += 1
                }
            }
            weights.embeddingNormWeight.withUnsafeBufferPointer { gamma in
                weights.embeddingNormBias.withUnsafeBufferPointer { beta in
                    VectorMath.layerNorm(hidden, hidden, rows: t, width: h, weight: gamma.baseAddress!, bias: beta.baseAddress!, eps: c.layerNormEps)
                }
            }
        }}}
    }

    /// One post-norm transformer layer over the packed hidden states `ws.hidden` `[tokens, hidden]`, in place.
    private func transformerLayer(_ w: BertWeights.Layer, lengths: [Int], tokens t: Int, workspace ws: EncoderWorkspace, split: Int) {
        let c = configuration
        let h = c.hiddenSize, i = c.intermediateSize
        w.qkvWeight.withPointers { qkvW in
        w.qkvBias.withUnsafeBufferPointer { qkvB in
        w.attentionOutputWeight.withPointers { aoW in
        w.attentionOutputBias.withUnsafeBufferPointer { aoB in
        w.attentionNormWeight.withUnsafeBufferPointer { anW in
        w.attentionNormBias.withUnsafeBufferPointer { anB in
        w.intermediateWeight.withPointers { inW in
        w.intermediateBias.withUnsafeBufferPointer { inB in
        w.outputWeight.withPointers { oW in
        w.outputBias.withUnsafeBufferPointer { oB in
        w.outputNormWeight.withUnsafeBufferPointer { onW in
        w.outputNormBias.withUnsafeBufferPointer { onB in
            // qkv[T, 3h] = hidden[T, h] · Wqkv[h, 3h] + b
            VectorMath.broadcastRows(qkvB.baseAddress!, into: ws.qkv, rows: t, width: 3 * h)
            BLAS.productSplitN(parts: split, m: t, n: 3 * h, k: h, a: ws.hidden, lda: h, b: qkvW, beta: 1, c: ws.qkv, ldc: 3 * h)
            // context[T, h] = softmax(Q Kᵀ / √d) V, per sequence and head
            SelfAttention(heads: c.numAttentionHeads, headSize: c.headSize)
                .apply(qkv: ws.qkv, lengths: lengths, scores: ws.scores, rowScales: ws.rowScales, context: ws.context)
            // residual[T, h] = hidden + bo + context · Wo ; hidden = LayerNorm(residual)
            VectorMath.addRow(aoB.baseAddress!, to: ws.hidden, into: ws.residual, rows: t, width: h)
            BLAS.productSplitN(parts: split, m: t, n: h, k: h, a: ws.context, lda: h, b: aoW, beta: 1, c: ws.residual, ldc: h)
            VectorMath.layerNorm(ws.residual, ws.hidden, rows: t, width: h, weight: anW.baseAddress!, bias: anB.baseAddress!, eps: c.layerNormEps)
            // intermediate[T, i] = GELU(hidden · Wi + bi)
            VectorMath.broadcastRows(inB.baseAddress!, into: ws.intermediate, rows: t, width: i)
            BLAS.productSplitN(parts: split, m: t, n: i, k: h, a: ws.hidden, lda: h, b: inW, beta: 1, c: ws.intermediate, ldc: i)
            VectorMath.gelu(ws.intermediate, count: t * i)
            // residual[T, h] = hidden + bo + intermediate · Wo ; hidden = LayerNorm(residual)
            VectorMath.addRow(oB.baseAddress!, to: ws.hidden, into: ws.residual, rows: t, width: h)
            BLAS.productSplitN(parts: split, m: t, n: h, k: i, a: ws.intermediate, lda: i, b: oW, beta: 1, c: ws.residual, ldc: h)
            VectorMath.layerNorm(ws.residual, ws.hidden, rows: t, width: h, weight: onW.baseAddress!, bias: onB.baseAddress!, eps: c.layerNormEps)
        }}}}}}}}}}}}
    }
}

import Foundation

/// All parameters of a BERT encoder, flat row-major `Float` arrays.
///
/// Linear layers are stored *transposed* from PyTorch's `[out, in]` to `[in, out]`, once at load, as
/// ``PackedMatrix``: row-major for `cblas_sgemm` (no transpose) and packed into panels for the `CKernels` row kernel
/// that serves short inputs.
struct BertWeights: Sendable {
    /// One transformer layer.
    struct Layer: Sendable {
        /// Query, key and value projections side by side: `[hidden, 3 * hidden]`.
        var qkvWeight: PackedMatrix
        /// `[3 * hidden]`.
        var qkvBias: [Float]
        /// `[hidden, hidden]` (in, out).
        var attentionOutputWeight: PackedMatrix
        var attentionOutputBias: [Float]
        var attentionNormWeight: [Float]
        var attentionNormBias: [Float]
        /// `[hidden, intermediate]`.
        var intermediateWeight: PackedMatrix
        /// `[intermediate]`.
        var intermediateBias: [Float]
        /// `[intermediate, hidden]`.
        var outputWeight: PackedMatrix
        var outputBias: [Float]
        var outputNormWeight: [Float]
        var outputNormBias: [Float]
    }

    /// `[vocab, hidden]`.
    var wordEmbeddings: [Float]
    /// `[maxPositions, hidden]`.
    var positionEmbeddings: [Float]
    /// `[typeVocab, hidden]`.
    var tokenTypeEmbeddings: [Float]
    var embeddingNormWeight: [Float]
    var embeddingNormBias: [Float]
    var layers: [Layer]

    /// Maps a checkpoint tensor name to this model's parameter name, or nil for tensors the encoder does not use
    /// (`embeddings.position_ids`, the pooler). This is the only place that knows checkpoint names.
    ///
    /// Accepts bare `BertModel` names (`encoder.layer.0.attention.self.query.weight`) and the same names under a
    /// `bert.` or `0.auto_model.` prefix, and the TF-era `gamma`/`beta` LayerNorm names.
    static func parameterName(forCheckpointKey key: String) -> String? {
        var name = Substring(key)
        for prefix in ["0.auto_model.", "auto_model.", "bert.", "model."] where name.hasPrefix(prefix) {
            name = name.dropFirst(prefix.count)
        }
        var parts = name.split(separator: ".").map(String.init)
        guard let last = parts.last else { return nil }
        if last == "gamma" { parts[parts.count - 1] = "weight" }
        if last == "beta" { parts[parts.count - 1] = "bias" }
        let kind = parts[parts.count - 1]
        guard kind == "weight" || kind == "bias" else { return nil }
        let path = parts.dropLast().joined(separator: ".")
        switch path {
        case "embeddings.word_embeddings": return "embeddings.word"
        case "embeddings.position_embeddings": return "embeddings.position"
        case "embeddings.token_type_embeddings": return "embeddings.tokenType"
        case "embeddings.LayerNorm": return "embeddings.norm.\(kind)"
        default: break
        }
        guard parts.count >= 4, parts[0] == "encoder", parts[1] == "layer", let index = Int(parts[2]) else { return nil }
        let local: String
        switch parts[3..<(parts.count - 1)].joined(separator: ".") {
        case "attention.self.query": local = "query"
        case "attention.self.key": local = "key"
        case "attention.self.value": local = "value"
        case "attention.output.dense": local = "attentionOutput"
        case "attention.output.LayerNorm": local = "attentionNorm"
        case "intermediate.dense": local = "intermediate"
        case "output.dense": local = "output"
        case "output.LayerNorm": local = "outputNorm"
        default: return nil
        }
        return "layers.\(index).\(local).\(kind)"
    }

    /// Loads and shape-checks every parameter.
    init(file: SafeTensors, configuration c: BertConfiguration) throws(EmbeddingError) {
        var checkpointKey: [String: String] = [:]
        for key in file.tensors.keys {
            if let name = Self.parameterName(forCheckpointKey: key) { checkpointKey[name] = key }
        }
        func load(_ name: String, _ shape: [Int]) throws(EmbeddingError) -> [Float] {
            guard let key = checkpointKey[name] else {
                throw .corrupt(file.url, "no tensor for parameter \(name)")
            }
            return try file.floats(key, shape: shape)
        }
        let h = c.hiddenSize, i = c.intermediateSize
        wordEmbeddings = try load("embeddings.word", [c.vocabSize, h])
        positionEmbeddings = try load("embeddings.position", [c.maxPositionEmbeddings, h])
        tokenTypeEmbeddings = try load("embeddings.tokenType", [c.typeVocabSize, h])
        embeddingNormWeight = try load("embeddings.norm.weight", [h])
        embeddingNormBias = try load("embeddings.norm.bias", [h])
        var layers: [Layer] = []
        for l in 0..<c.numHiddenLayers {
            let p = "layers.\(l)."
            let qkvWeight = try load(p + "query.weight", [h, h]) + load(p + "key.weight", [h, h]) + load(p + "value.weight", [h, h])
            func linear(_ name: String, out: Int, in: Int) throws(EmbeddingError) -> PackedMatrix {
                PackedMatrix(Self.transposed(try load(p + name, [out, `in`]), rows: out, columns: `in`), rows: `in`, columns: out)
            }
            let qkvBias = try load(p + "query.bias", [h]) + load(p + "key.bias", [h]) + load(p + "value.bias", [h])
            layers.append(Layer(
                qkvWeight: PackedMatrix(Self.transposed(qkvWeight, rows: 3 * h, columns: h), rows: h, columns: 3 * h),
                qkvBias: qkvBias,
                attentionOutputWeight: try linear("attentionOutput.weight", out: h, in: h),
                attentionOutputBias: try load(p + "attentionOutput.bias", [h]),
                attentionNormWeight: try load(p + "attentionNorm.weight", [h]),
                attentionNormBias: try load(p + "attentionNorm.bias", [h]),
                intermediateWeight: try linear("intermediate.weight", out: i, in: h),
                intermediateBias: try load(p + "intermediate.bias", [i]),
                outputWeight: try linear("output.weight", out: h, in: i),
                outputBias: try load(p + "output.bias", [h]),
                outputNormWeight: try load(p + "outputNorm.weight", [h]),
                outputNormBias: try load(p + "outputNorm.bias", [h])
            ))
        }
        self.layers = layers
        for value in wordEmbeddings.prefix(4096) where !value.isFinite {
            throw .corrupt(file.url, "word embeddings contain non-finite values")
        }
    }

    /// `[rows, columns]` → `[columns, rows]`, row-major.
    static func transposed(_ matrix: [Float], rows: Int, columns: Int) -> [Float] {
        var out = [Float](repeating: 0, count: matrix.count)
        for r in 0..<rows {
            for c in 0..<columns { out[c * rows + r] = matrix[r * columns + c] }
        }
        return out
    }
}

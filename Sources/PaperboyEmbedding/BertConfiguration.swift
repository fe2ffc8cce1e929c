import Foundation

/// The architecture hyper-parameters from `config.json` (Hugging Face `BertConfig`).
public struct BertConfiguration: Sendable, Equatable, Decodable {
    public var vocabSize: Int = 30522
    /// Width of every token vector (384 for MiniLM-L6).
    public var hiddenSize: Int = 384
    public var numHiddenLayers: Int = 6
    public var numAttentionHeads: Int = 12
    /// Width of the feed-forward layer (1536).
    public var intermediateSize: Int = 1536
    public var maxPositionEmbeddings: Int = 512
    public var typeVocabSize: Int = 2
    public var layerNormEps: Float = 1e-12
    public var hiddenAct: String = "gelu"

    enum CodingKeys: String, CodingKey {
        case vocabSize = "vocab_size", hiddenSize = "hidden_size", numHiddenLayers = "num_hidden_layers"
        case numAttentionHeads = "num_attention_heads", intermediateSize = "intermediate_size"
        case maxPositionEmbeddings = "max_position_embeddings", typeVocabSize = "type_vocab_size"
        case layerNormEps = "layer_norm_eps", hiddenAct = "hidden_act"
    }

    /// all-MiniLM-L6-v2's values.
    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = BertConfiguration()
        vocabSize = try c.decodeIfPresent(Int.self, forKey: .vocabSize) ?? d.vocabSize
        hiddenSize = try c.decodeIfPresent(Int.self, forKey: .hiddenSize) ?? d.hiddenSize
        numHiddenLayers = try c.decodeIfPresent(Int.self, forKey: .numHiddenLayers) ?? d.numHiddenLayers
        numAttentionHeads = try c.decodeIfPresent(Int.self, forKey: .numAttentionHeads) ?? d.numAttentionHeads
        intermediateSize = try c.decodeIfPresent(Int.self, forKey: .intermediateSize) ?? d.intermediateSize
        maxPositionEmbeddings = try c.decodeIfPresent(Int.self, forKey: .maxPositionEmbeddings) ?? d.maxPositionEmbeddings
        typeVocabSize = try c.decodeIfPresent(Int.self, forKey: .typeVocabSize) ?? d.typeVocabSize
        layerNormEps = try c.decodeIfPresent(Float.self, forKey: .layerNormEps) ?? d.layerNormEps
        hiddenAct = try c.decodeIfPresent(String.self, forKey: .hiddenAct) ?? d.hiddenAct
    }

    /// Loads and validates `config.json`.
    public init(contentsOf url: URL) throws(EmbeddingError) {
        guard FileManager.default.fileExists(atPath: url.path) else { throw .missing(url) }
        do {
            self = try JSONDecoder().decode(BertConfiguration.self, from: Data(contentsOf: url))
        } catch {
            throw .corrupt(url, "not a BERT config.json", cause: error)
        }
        guard hiddenSize > 0, numAttentionHeads > 0, hiddenSize % numAttentionHeads == 0,
              numHiddenLayers > 0, intermediateSize > 0, vocabSize > 0, maxPositionEmbeddings > 0, typeVocabSize > 0
        else { throw .corrupt(url, "inconsistent sizes") }
        guard hiddenAct == "gelu" else { throw .corrupt(url, "unsupported activation \(hiddenAct) (only erf GELU)") }
    }

    /// Width of one attention head (64).
    public var headSize: Int { hiddenSize / numAttentionHeads }
}

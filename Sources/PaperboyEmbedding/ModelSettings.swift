import Foundation

/// The sentence-transformers settings that the encoder checks: mean pooling (`1_Pooling/config.json`) and
/// lowercasing (`tokenizer_config.json`). Missing files fall back to all-MiniLM-L6-v2's values.
struct ModelSettings: Sendable, Equatable {
    var lowercase = true
    var meanPooling = true
    var embeddingDimension: Int?

    init(location: ModelLocation) throws(EmbeddingError) {
        if let tokenizer = try Self.object(location.tokenizerConfig) {
            lowercase = tokenizer["do_lower_case"] as? Bool ?? true
        }
        if let pooling = try Self.object(location.poolingConfig) {
            meanPooling = pooling["pooling_mode_mean_tokens"] as? Bool ?? false
            embeddingDimension = (pooling["word_embedding_dimension"] as? NSNumber)?.intValue
            let others = ["pooling_mode_cls_token", "pooling_mode_max_tokens", "pooling_mode_mean_sqrt_len_tokens"]
            guard meanPooling, !others.contains(where: { pooling[$0] as? Bool == true }) else {
                throw .corrupt(location.poolingConfig, "only mean pooling is supported")
            }
        }
    }

    private static func object(_ url: URL) throws(EmbeddingError) -> [String: Any]? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        guard let data = try? Data(contentsOf: url),
              let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        else { throw .corrupt(url, "not a JSON object") }
        return object
    }
}

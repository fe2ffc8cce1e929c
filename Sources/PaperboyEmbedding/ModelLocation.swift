import Foundation

/// Where the all-MiniLM-L6-v2 files live on disk.
///
/// Resolution order (the same as `scripts/fetch-model.sh`):
/// 1. `$PAPERBOY_MODEL_DIR`
/// 2. `${XDG_CACHE_HOME:-$HOME/.cache}/paperboy/models/all-MiniLM-L6-v2`
public struct ModelLocation: Sendable, Equatable {
    /// The directory holding `model.safetensors`, `config.json`, `vocab.txt`, `tokenizer_config.json`
    /// and `1_Pooling/config.json`.
    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// The default location in the given environment (PaperboyConfig's `SettingsReader.environment`: Paperboy
    /// reads the process environment in one place only).
    public static func `default`(environment: [String: String]) -> ModelLocation {
        if let explicit = environment["PAPERBOY_MODEL_DIR"], !explicit.isEmpty {
            return ModelLocation(directory: URL(fileURLWithPath: explicit, isDirectory: true))
        }
        let cache: String
        if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty {
            cache = xdg
        } else {
            let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
            cache = home + "/.cache"
        }
        let path = cache + "/paperboy/models/all-MiniLM-L6-v2"
        return ModelLocation(directory: URL(fileURLWithPath: path, isDirectory: true))
    }

    public var weights: URL { directory.appendingPathComponent("model.safetensors") }
    public var config: URL { directory.appendingPathComponent("config.json") }
    public var vocabulary: URL { directory.appendingPathComponent("vocab.txt") }
    public var tokenizerConfig: URL { directory.appendingPathComponent("tokenizer_config.json") }
    public var poolingConfig: URL { directory.appendingPathComponent("1_Pooling/config.json") }

    /// True when the weights file exists (it says nothing about its integrity).
    public var isInstalled: Bool {
        FileManager.default.fileExists(atPath: weights.path)
    }
}

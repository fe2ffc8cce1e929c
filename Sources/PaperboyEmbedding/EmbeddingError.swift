import Foundation

/// An error from loading or running the sentence encoder: a stable `code`, a human `message`
/// that says what to do about it, and an optional underlying cause.
public struct EmbeddingError: Error, Sendable, CustomStringConvertible {
    /// Stable, machine-readable error codes.
    public enum Code: String, Sendable {
        /// A model file (weights, config, vocabulary) is not where it was looked for.
        case modelMissing = "embedding.model_missing"
        /// A model file exists but cannot be parsed or does not match the expected architecture.
        case modelCorrupt = "embedding.model_corrupt"
        /// A data file (e.g. `.npy`) is malformed.
        case invalidData = "embedding.invalid_data"
        /// An index file or argument does not fit (dimension, id, format).
        case invalidArgument = "embedding.invalid_argument"
    }

    /// The command that installs the model files.
    public static let fetchCommand = "scripts/fetch-model.sh"

    public let code: Code
    public let message: String
    public let cause: (any Error & Sendable)?

    public init(_ code: Code, _ message: String, cause: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    public var description: String {
        if let cause { return "\(code.rawValue): \(message) (cause: \(cause))" }
        return "\(code.rawValue): \(message)"
    }

    /// A missing model file; the message names the fix.
    static func missing(_ file: URL) -> EmbeddingError {
        EmbeddingError(
            .modelMissing,
            "model file \(file.path) not found; run `\(fetchCommand)` (or set PAPERBOY_MODEL_DIR to a directory that holds all-MiniLM-L6-v2)"
        )
    }

    /// A corrupt model file; the message names the fix.
    static func corrupt(_ file: URL, _ detail: String, cause: (any Error & Sendable)? = nil) -> EmbeddingError {
        EmbeddingError(
            .modelCorrupt,
            "model file \(file.path) is unusable (\(detail)); delete it and run `\(fetchCommand)` again",
            cause: cause
        )
    }
}

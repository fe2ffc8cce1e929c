import Foundation
import PaperboyEmbedding

/// Where tests find the shared, read-only evaluation data and the model.
public enum SharedTestData {
    /// `$PAPERBOY_SHARED_DATA`, else `<repo root>/../shared/data` (repo root derived from this file's path).
    public static let directory: URL? = {
        let fm = FileManager.default
        if let env = ProcessInfo.processInfo.environment["PAPERBOY_SHARED_DATA"], !env.isEmpty {
            return fm.fileExists(atPath: env) ? URL(fileURLWithPath: env, isDirectory: true) : nil
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let shared = root.deletingLastPathComponent().appendingPathComponent("shared/data", isDirectory: true)
        return fm.fileExists(atPath: shared.path) ? shared : nil
    }()

    public static let directoryMissing = "shared data not found: set PAPERBOY_SHARED_DATA or place it at <repo root>/../shared/data"

    /// Whether all-MiniLM-L6-v2 is where ``ModelLocation/default(environment:)`` looks.
    public static var modelInstalled: Bool { ModelLocation.default(environment: ProcessInfo.processInfo.environment).isInstalled }
    public static let modelMissing = "all-MiniLM-L6-v2 not installed: run scripts/fetch-model.sh (or set PAPERBOY_MODEL_DIR)"
}

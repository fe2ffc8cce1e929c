import Foundation
import GRDB
import PaperboyCore
import PaperboyStore
import PaperboyVectors

/// A throw-away copy of an SQLite database for the recommendation eval and bench, which create accounts and votes
/// that must never reach the original: `VACUUM INTO` a file under `$TMPDIR`, removed (with its WAL files) by
/// ``remove()``.
struct ScratchDatabase {
    let path: String

    /// Copies `source` (opened read-only) to a new file named after `purpose`.
    static func copy(of source: String, purpose: String) throws -> ScratchDatabase {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("paperboy-\(purpose)-\(UUID().uuidString).sqlite").path
        do {
            var configuration = Configuration()
            configuration.readonly = true
            let queue = try DatabaseQueue(path: source, configuration: configuration)
            try queue.inDatabase { db in try db.execute(sql: "VACUUM INTO ?", arguments: [path]) }
            try queue.close()
        } catch {
            throw PaperboyError(.storage, "Cannot copy \(source) for the \(purpose).", cause: error)
        }
        return ScratchDatabase(path: path)
    }

    func remove() {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// Every stored vector of `model`, in one index.
    static func vectors(_ store: any EmbeddingStore, model: String) async throws -> VectorIndex {
        var index = VectorIndex()
        var sequence: Int64 = 0
        while true {
            let batch = try await store.embeddings(model: model, afterSequence: sequence, limit: 5000)
            guard let last = batch.last else { break }
            try index.add(contentsOf: batch.map { (id: $0.id.rawValue, vector: $0.vector) })
            sequence = last.sequence
        }
        return index
    }
}

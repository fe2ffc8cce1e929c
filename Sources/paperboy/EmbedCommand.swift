import ArgumentParser
import Foundation
import PaperboyCatalog
import PaperboyEmbedding
import PaperboyLifecycle
import PaperboyStore
import PaperboyWeb

struct Embed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compute the semantic-search vectors of papers that lack them (or whose text changed).",
        discussion: """
            Runs in the foreground with progress; `paperboy serve` does the same in the background. Vectors are stored
            in the database with the paper they describe, so an interrupted run resumes where it stopped.
            Needs the MiniLM model (scripts/fetch-model.sh; PAPERBOY_MODEL_DIR to use another folder).
            """
    )

    @OptionGroup var db: DatabaseOptions

    @Option(help: "Papers per batch.")
    var batch = 128

    @Flag(help: "Print one JSON object at the end.")
    var json = false

    func validate() throws {
        guard (1...4096).contains(batch) else { throw ValidationError("--batch must be between 1 and 4096.") }
    }

    func run() async throws {
        let encoder: SentenceEncoder
        do { encoder = try SentenceEncoder.load(from: configuredModel()) } catch { throw ValidationError(error.message) }
        let database = try await db.open()
        let store = database.stores.embeddings
        // One embedder per database at a time: a running `serve` embeds in the background under the same lease.
        guard let held = try await database.leases.tryAcquire(SiteLease.embedder.rawValue) else {
            let holder: String
            if let files = database.leases as? FileLeases {
                let pid = files.holderPid(SiteLease.embedder.rawValue).map { " (pid \($0))" } ?? ""
                holder = "Another process\(pid) is embedding this database's papers (it holds the embedder lease in \(files.directory.path))"
            } else {
                holder = "Another process is embedding this database's papers (it holds the embedder lease, an advisory lock on \(database.location))"
            }
            throw ValidationError("""
                \(holder): a running `paperboy serve` does this in the background. Stop it or start \
                it with --no-embed to embed here.
                """)
        }
        defer { Task { await held.release() } }
        let job = EmbeddingJob(store: store, embedder: encoder, batchSize: batch)
        let quiet = json
        let started = Date()
        let before = try await store.embeddingProgress(model: encoder.modelName)
        if !quiet {
            FileHandle.standardError.write(Data("embed: \(before.embedded)/\(before.total) papers have vectors\n".utf8))
        }
        let embedded = try await job.runPass { p in
            guard !quiet else { return }
            let rate = Double(p.embedded) / max(p.elapsed, 0.001)
            let left = Double(max(0, p.coverage.total - p.coverage.embedded)) / max(rate, 0.001)
            let line = String(format: "\rembed: %d/%d papers (%.1f papers/s, %@ left)   ", p.coverage.embedded,
                              p.coverage.total, rate, Self.duration(left))
            FileHandle.standardError.write(Data(line.utf8))
        }
        let after = try await store.embeddingProgress(model: encoder.modelName)
        let seconds = Date().timeIntervalSince(started)
        if json {
            let object: [String: Any] = ["embedded": embedded, "papers_with_vectors": after.embedded, "papers": after.total,
                                         "seconds": seconds, "papers_per_s": Double(embedded) / max(seconds, 0.001)]
            print(String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self))
        } else {
            FileHandle.standardError.write(Data("\n".utf8))
            print(String(format: "Embedded %d papers in %.1f s; %d/%d papers have vectors.", embedded, seconds,
                         after.embedded, after.total))
        }
    }

    static func duration(_ seconds: Double) -> String {
        seconds < 90 ? String(format: "%.0f s", seconds) : String(format: "%.0f min", seconds / 60)
    }
}

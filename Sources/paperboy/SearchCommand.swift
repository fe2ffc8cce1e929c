import ArgumentParser
import Foundation
import PaperboyCatalog
import PaperboyCore
import PaperboyEmbedding

struct Search: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Search the papers in the database.",
        discussion: """
            Query language: free words; "exact phrase"; author:"Tri Dao"; cat:cs.CL; year:2025;
            date:2025-01..2025-06; -word to exclude; sort:date|upvotes (relevance by default).
            """
    )

    @OptionGroup var db: DatabaseOptions

    @Option(help: "How many results (1–1000).")
    var limit = 10

    @Flag(help: "Print one JSON object with total and hits.")
    var json = false

    @Option(help: "Ranking: lexical, semantic or hybrid (default: hybrid when papers have vectors, else lexical).")
    var mode: String?

    @Argument(help: "The query.")
    var query: String

    func validate() throws {
        guard (1...1000).contains(limit) else { throw ValidationError("--limit must be between 1 and 1000.") }
        if let mode, SearchMode(rawValue: mode) == nil {
            throw ValidationError("Unknown --mode '\(mode)' (lexical, semantic, hybrid).")
        }
    }

    func run() async throws {
        let stores = try await db.openStores()
        let requested = mode.flatMap(SearchMode.init(rawValue:))
        var encoder: SentenceEncoder?
        if requested != .lexical {
            do {
                encoder = try SentenceEncoder.load(from: configuredModel())
            } catch {
                if requested != nil { throw ValidationError(error.message) }
            }
        }
        let catalog = try await db.openCatalog(stores, embedder: encoder)
        let results: CatalogResults
        do {
            results = try await catalog.search(CatalogQuery(text: query, limit: limit, mode: requested))
        } catch let error as PaperboyError {
            throw ValidationError(error.message)
        }
        if json {
            let hits: [[String: Any]] = results.hits.map { h in
                ["id": h.detail.paper.id.rawValue, "score": Double(h.score), "title": h.detail.paper.title,
                 "upvotes": h.detail.upvotes]
            }
            let object: [String: Any] = ["query": query, "total": results.total, "hits": hits, "warnings": results.warnings,
                                         "mode": results.mode.rawValue]
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
            return
        }
        for w in results.warnings { print("note: \(w)") }
        print("\(results.total) papers match (\(results.mode.rawValue)).")
        for (i, h) in results.hits.enumerated() {
            let p = h.detail.paper
            print(String(format: "%3d. %@  %6.2f  %@", i + 1, p.id.rawValue.padding(toLength: 16, withPad: " ", startingAt: 0),
                         h.score, p.title.split(whereSeparator: \.isWhitespace).joined(separator: " ")))
        }
    }
}

struct Reindex: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rebuild the search index from the database (normally kept current incrementally).")

    @OptionGroup var db: DatabaseOptions

    @Option(name: .long, help: ArgumentHelp(
        "The index directory to rebuild (default <database>.search; required for PostgreSQL: a server's --index-dir).",
        valueName: "dir"))
    var indexDir: String?

    func run() async throws {
        let started = Date()
        guard let directory = indexDir.map({ URL(fileURLWithPath: $0, isDirectory: true) }) ?? db.searchDirectory else {
            throw ValidationError("On PostgreSQL every server keeps its own index: name the one to rebuild with --index-dir DIR.")
        }
        let stores = try await db.openStores()
        let store = stores.papers
        let n = try await SearchCatalog.empty(store: store, directory: directory).rebuild()
        print("Indexed \(n) papers in \(String(format: "%.2f", Date().timeIntervalSince(started))) s → \(directory.path)")
    }
}

import Foundation
import PaperboyCore
import PaperboyIngest
import PaperboySearch
import PaperboyStore

/// The thin adapter between a BEIR corpus and the product: each document becomes an arXiv listing record, imported
/// by the same ``Importer`` as `paperboy import`, so `paperboy eval` ranks papers exactly as the site stores them.
///
/// - The i-th document (corpus order) gets the synthetic arXiv id ``arxivID(index:)`` (`2001.00001`, `2001.00002`, …,
///   99,999 a month from January 2020); its BEIR id is kept in the paper's `comment` as `beir:<id>`, which
///   neither the search index nor the encoder reads, and ``beirID(of:)`` maps a result back.
/// - A blank title (NFCorpus has none) becomes the BEIR id: listings need a title. `tests/acceptance/
///   test_api_quality.py` converts the same way in Python, so both sides index the same text.
/// - The body is the abstract; no authors, categories or dates.
public enum BEIRPapers {
    public static let commentPrefix = "beir:"
    static let perMonth = 99_999

    /// The synthetic arXiv id of the document at `index` (0-based) in corpus order.
    public static func arxivID(index: Int) -> String {
        let month = index / perMonth
        let number = index % perMonth + 1
        let year = 20 + month / 12
        return String(format: "%02d%02d.%05d", year, month % 12 + 1, number)
    }

    /// The listing record (one JSON object) of `document` at `index`.
    public static func listingRecord(_ document: Evaluation.CorpusDocument, index: Int) -> [String: Any] {
        let title = document.title.trimmingCharacters(in: .whitespacesAndNewlines)
        return ["id": arxivID(index: index), "title": title.isEmpty ? document.id : title, "abstract": document.text,
                "authors": [String](), "categories": [String](), "comment": commentPrefix + document.id]
    }

    /// The BEIR id a paper was imported from, if it came from ``importCorpus(_:into:scratch:)``'s records.
    public static func beirID(of paper: Paper) -> String? {
        guard let comment = paper.comment, comment.hasPrefix(commentPrefix) else { return nil }
        return String(comment.dropFirst(commentPrefix.count))
    }

    /// Imports `corpus` into `store` through the listing importer (idempotent: a second import changes nothing).
    /// `scratch` is a directory for the listing file. A record the importer refuses fails the whole import, naming
    /// the document: an evaluation over a partial corpus would be wrong.
    public static func importCorpus(_ corpus: [Evaluation.CorpusDocument], into store: any PaperStore,
                                    scratch: URL) async throws -> Importer.Report {
        let file = scratch.appendingPathComponent("beir-listing-\(UUID().uuidString).jsonl")
        var data = Data()
        for (index, document) in corpus.enumerated() {
            data.append(try JSONSerialization.data(withJSONObject: listingRecord(document, index: index), options: [.sortedKeys]))
            data.append(0x0A)
        }
        do { try data.write(to: file) } catch {
            throw PaperboyError(.storage, "Cannot write \(file.path).", cause: error)
        }
        defer { try? FileManager.default.removeItem(at: file) }
        let report = try await Importer(store: store, format: .arxivListing).importFile(at: file.path)
        if let first = report.errors.first {
            let document = corpus.indices.contains(first.line - 1) ? corpus[first.line - 1].id : "?"
            throw PaperboyError(.invalidInput, "Corpus document \(document) cannot be imported: \(first.reason).")
        }
        return report
    }

    /// A cache file name for `corpus`: FNV-1a over every document, so an edited corpus gets a new database.
    public static func cacheKey(_ corpus: [Evaluation.CorpusDocument]) -> String {
        var text = "beir-papers-v1"
        for document in corpus {
            text += "\u{1E}" + document.id + "\u{1F}" + document.title + "\u{1F}" + document.text
        }
        return FNV1a.hex(text)
    }
}

import PaperboyCore
import Foundation

/// Writes a synthetic file in the format of Kaggle's `arxiv-metadata-oai-snapshot.json` (one JSON object per
/// line: `id, submitter, authors, title, comments, journal-ref, doi, report-no, categories, license, abstract,
/// versions[], update_date, authors_parsed[]`), for import benchmarks.
///
/// Lines are deterministic for a seed and shaped like the real snapshot: ~1.8 KB each on average (the
/// 2.5M-line snapshot is ~4.6 GB), 1–12 authors, 1–3 versions, new-style ids in increasing order, a tenth
/// with a DOI and journal reference. Written in 4 MB chunks, so memory stays flat.
public struct KaggleSnapshotGenerator {
    public var seed: UInt64

    public init(seed: UInt64 = 42) { self.seed = seed }

    static let words = """
        attention model learning neural network graph sparse dense transformer language vision robust optimal \
        stochastic gradient kernel bayesian inference quantum field theory lattice spectral manifold convex \
        estimation sampling diffusion retrieval benchmark dataset scaling efficient adaptive hierarchical \
        representation contrastive generative reinforcement policy agent reasoning memory compression energy \
        symmetry boundary operator equation numerical simulation experiment measurement detector galaxy
        """.split(separator: " ").map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    static let surnames = ["Smith", "Wang", "Müller", "Garcia", "Kim", "Nguyen", "Rossi", "Dubois", "Kowalski", "Sato",
                           "Ivanova", "Okafor", "Silva", "Cohen", "Larsen", "Zhang"]
    static let forenames = ["A.", "Bo", "Chiara", "D. J.", "Emil", "Fatima", "G.", "Hiro", "Ines", "J.-P.", "Karim", "Li"]
    static let categories = ["cs.LG", "cs.CL", "cs.CV", "cs.AI", "stat.ML", "math.OC", "hep-th", "quant-ph",
                             "astro-ph.CO", "cond-mat.str-el", "physics.comp-ph", "eess.SP"]
    static let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Writes `lines` records to `path`; returns the bytes written.
    @discardableResult
    public func write(lines: Int, to path: String) throws -> Int {
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        defer { try? handle.close() }
        var rng = SeededGenerator(seed: seed)
        var chunk = ""
        chunk.reserveCapacity(5 << 20)
        var total = 0
        for i in 0..<lines {
            chunk += line(i, &rng)
            chunk += "\n"
            if chunk.utf8.count >= 4 << 20 {
                total += chunk.utf8.count
                try handle.write(contentsOf: Data(chunk.utf8))
                chunk.removeAll(keepingCapacity: true)
            }
        }
        total += chunk.utf8.count
        try handle.write(contentsOf: Data(chunk.utf8))
        return total
    }

    /// Record number `i` as one JSON line (ids run 1501.00000, 1501.00001, … then the next month).
    func line(_ i: Int, _ rng: inout SeededGenerator) -> String {
        let month = i / 99_999
        let yymm = (15 + month / 12) * 100 + month % 12 + 1
        let id = "\(yymm).\(String(format: "%05d", i % 99_999 + 1))"
        let year = 2000 + yymm / 100, mon = yymm % 100
        func words(_ n: Int) -> String { (0..<n).map { _ in Self.words[rng.below(Self.words.count)] }.joined(separator: " ") }
        let authorCount = 1 + rng.below(12)
        var parsed: [String] = []
        var names: [String] = []
        for _ in 0..<authorCount {
            let last = Self.surnames[rng.below(Self.surnames.count)], first = Self.forenames[rng.below(Self.forenames.count)]
            parsed.append("[\(json(last)),\(json(first)),\"\"]")
            names.append("\(first) \(last)")
        }
        let versionCount = 1 + rng.below(3)
        let versions = (1...versionCount).map { v -> String in
            let day = min(28, 1 + rng.below(28) + v - 1)
            let created = "\(Self.days[(day + mon) % 7]), \(day) \(Self.months[mon - 1]) \(year) \(10 + rng.below(10)):\(10 + rng.below(50)):\(10 + rng.below(50)) GMT"
            return "{\"version\":\"v\(v)\",\"created\":\"\(created)\"}"
        }
        let cats = (0..<(1 + rng.below(3))).map { _ in Self.categories[rng.below(Self.categories.count)] }
        let hasDOI = rng.below(10) == 0
        let abstractSentences = (0..<(5 + rng.below(6))).map { _ in words(8 + rng.below(12)).capitalizedFirst + "." }
        let abstract = "  " + abstractSentences.joined(separator: " ") + "\n"
        let title = words(6 + rng.below(8)).capitalizedFirst
        return "{\"id\":\"\(id)\",\"submitter\":\(json(names[0])),\"authors\":\(json(names.joined(separator: ", "))),"
            + "\"title\":\(json(title)),\"comments\":\"\(8 + rng.below(30)) pages, \(rng.below(12)) figures\","
            + "\"journal-ref\":\(hasDOI ? "\"J. Synth. Res. \(rng.below(90)) (\(year)) \(rng.below(999))\"" : "null"),"
            + "\"doi\":\(hasDOI ? "\"10.1000/synth.\(id)\"" : "null"),\"report-no\":null,"
            + "\"categories\":\(json(cats.joined(separator: " "))),\"license\":\"http://creativecommons.org/licenses/by/4.0/\","
            + "\"abstract\":\(json(abstract)),\"versions\":[\(versions.joined(separator: ","))],"
            + "\"update_date\":\"\(year)-\(String(format: "%02d", mon))-28\",\"authors_parsed\":[\(parsed.joined(separator: ","))]}"
    }

    func json(_ s: String) -> String {
        var out = "\""
        for ch in s.unicodeScalars {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out + "\""
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}

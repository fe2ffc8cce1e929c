import Foundation

/// Saving and loading: a directory with one immutable file per segment (`<name>.seg`), one file per segment
/// deletion set that has deletions (`<name>.<count>.del`), and `manifest.json` naming them. Every file is written
/// to a temporary name and renamed; the manifest is renamed last, so a reader sees either the old or the new
/// index, never a mix. Loading memory-maps the segment files (nothing is re-tokenised).
extension SearchIndex {
    struct Manifest: Codable {
        struct SegmentEntry: Codable {
            var name: String
            var docCount: Int
            var deletions: String?
        }

        var format: Int
        var indexID: String
        var nextSegment: Int
        var configuration: Configuration
        var segments: [SegmentEntry]
    }

    static let manifestName = "manifest.json"
    static let formatVersion = 1

    /// Commits, then writes the index to `directory` (created if missing). Unreferenced old files are removed.
    public func save(to directory: URL) throws(SearchError) {
        try state.withLock { (state: inout State) throws(SearchError) in
            Self.commit(&state)
            try Self.save(state, to: directory)
        }
    }

    static func save(_ state: State, to directory: URL) throws(SearchError) {
        let fm = FileManager.default
        do {
            try fm.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw SearchError(.io, "cannot create index directory \(directory.path)", cause: "\(error)")
        }
        var entries: [Manifest.SegmentEntry] = []
        var keep: Set<String> = [manifestName]
        for entry in state.segments {
            let file = entry.name + ".seg"
            let path = directory.appendingPathComponent(file).path
            keep.insert(file)
            let storage = entry.segment.storage
            if !fm.fileExists(atPath: path) {
                try AtomicFile.write(UnsafeRawBufferPointer(start: storage.base, count: storage.count), to: path)
            }
            var deletionFile: String?
            if entry.deletions.count > 0 {
                let name = "\(entry.name).\(entry.deletions.count).del"
                let delPath = directory.appendingPathComponent(name).path
                if !fm.fileExists(atPath: delPath) { try AtomicFile.write(entry.deletions.bytes, to: delPath) }
                keep.insert(name)
                deletionFile = name
            }
            entries.append(.init(name: entry.name, docCount: entry.segment.docCount, deletions: deletionFile))
        }
        let manifest = Manifest(
            format: formatVersion, indexID: state.indexID, nextSegment: state.nextSegment,
            configuration: state.configuration, segments: entries)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data: Data
        do { data = try encoder.encode(manifest) } catch {
            throw SearchError(.io, "cannot encode the manifest", cause: "\(error)")
        }
        try AtomicFile.write([UInt8](data), to: directory.appendingPathComponent(manifestName).path)
        if let files = try? fm.contentsOfDirectory(atPath: directory.path) {
            for file in files where !keep.contains(file) && (file.hasSuffix(".seg") || file.hasSuffix(".del")) {
                try? fm.removeItem(at: directory.appendingPathComponent(file))
            }
        }
    }

    /// Opens an index saved with `save(to:)`.
    public static func load(from directory: URL) throws(SearchError) -> SearchIndex {
        let manifestURL = directory.appendingPathComponent(manifestName)
        let manifest: Manifest
        do {
            let data = try Data(contentsOf: manifestURL)
            manifest = try JSONDecoder().decode(Manifest.self, from: data)
        } catch let error as DecodingError {
            throw SearchError(.corruptIndex, "cannot read \(manifestURL.path)", cause: "\(error)")
        } catch {
            throw SearchError(.io, "cannot read \(manifestURL.path)", cause: "\(error)")
        }
        guard manifest.format == formatVersion else {
            throw SearchError(.corruptIndex, "unsupported index format \(manifest.format) (expected \(formatVersion))")
        }
        var entries: [Entry] = []
        for s in manifest.segments {
            guard !s.name.contains("/") else { throw SearchError(.corruptIndex, "bad segment name \(s.name)") }
            let storage = try SegmentStorage(mapping: directory.appendingPathComponent(s.name + ".seg").path)
            let segment = try Segment(storage: storage)
            guard segment.docCount == s.docCount else {
                throw SearchError(.corruptIndex, "segment \(s.name) has \(segment.docCount) docs, manifest says \(s.docCount)")
            }
            var deletions = DeletionSet(docCount: segment.docCount)
            if let file = s.deletions {
                guard !file.contains("/"),
                    let data = try? Data(contentsOf: directory.appendingPathComponent(file)),
                    let parsed = DeletionSet(bytes: [UInt8](data), docCount: segment.docCount)
                else { throw SearchError(.corruptIndex, "cannot read deletions \(file)") }
                deletions = parsed
            }
            entries.append(Entry(segment: segment, deletions: deletions, name: s.name))
        }
        return SearchIndex(
            configuration: manifest.configuration, segments: entries, indexID: manifest.indexID,
            nextSegment: manifest.nextSegment)
    }
}

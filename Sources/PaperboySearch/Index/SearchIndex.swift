import Synchronization

/// The index, built like Lucene: immutable segments, a deletion set per segment, an in-memory buffer for new
/// and updated documents, and merges.
///
/// Concurrency: one `SearchIndex` is shared freely (`Sendable`). Writes (`add`, `delete`, `commit`, `save`)
/// serialise on an internal mutex. Reads go through `snapshot`, an immutable `IndexSnapshot` published at each
/// `commit()`: searches never wait for writers and always see a consistent point in time. Changes become
/// visible at the next `commit()`.
///
/// Updating a document is `add` with an id that already exists: the old version is deleted, the new one goes
/// to the buffer.
public final class SearchIndex: Sendable {
    /// Index-wide settings, fixed at creation and stored in the manifest.
    public struct Configuration: Sendable, Hashable, Codable {
        public var parameters: BM25Parameters
        /// A commit that leaves more segments than this merges the smallest ones.
        public var maxSegments: Int

        public init(parameters: BM25Parameters = BM25Parameters(), maxSegments: Int = 8) {
            self.parameters = parameters
            self.maxSegments = maxSegments
        }
    }

    struct Entry {
        var segment: Segment
        var deletions: DeletionSet
        var name: String
    }

    struct Address {
        /// nil = the buffer.
        var segment: String?
        var doc: Int
    }

    struct State {
        var configuration: Configuration
        var indexID: String
        var segments: [Entry]
        var buffer: SegmentBuilder
        var bufferDeletions: Set<Int> = []
        var bufferIDs: [String: Int] = [:]
        /// External id → live address; built on first write.
        var ids: [String: Address]?
        var snapshot: IndexSnapshot
        var nextSegment: Int
    }

    let state: Mutex<State>
    public let configuration: Configuration

    /// An empty index.
    public convenience init(configuration: Configuration = Configuration()) {
        self.init(configuration: configuration, segments: [], indexID: Self.newIndexID(), nextSegment: 0)
    }

    init(configuration: Configuration, segments: [Entry], indexID: String, nextSegment: Int) {
        self.configuration = configuration
        let analyzer = Analyzer()
        let snapshot = IndexSnapshot(
            segments: segments.map { ($0.segment, $0.deletions, $0.name) }, parameters: configuration.parameters,
            analyzer: analyzer)
        state = Mutex(
            State(
                configuration: configuration, indexID: indexID, segments: segments,
                buffer: SegmentBuilder(analyzer: analyzer, parameters: configuration.parameters), ids: nil,
                snapshot: snapshot, nextSegment: nextSegment))
    }

    /// Builds an index of `documents` in one segment (later duplicates of an id replace earlier ones).
    public static func build(_ documents: some Sequence<SearchDocument>, configuration: Configuration = Configuration())
        -> SearchIndex
    {
        let index = SearchIndex(configuration: configuration)
        index.add(contentsOf: documents)
        index.commit()
        return index
    }

    static func newIndexID() -> String {
        String(UInt64.random(in: 0...UInt64.max), radix: 36)
    }

    /// The latest committed snapshot; search it from any task.
    public var snapshot: IndexSnapshot { state.withLock { $0.snapshot } }

    /// Searches the latest snapshot.
    public func search(_ request: SearchRequest) -> SearchResults { snapshot.search(request) }

    /// Parses and searches the latest snapshot.
    public func search(_ query: String, limit: Int = 10, offset: Int = 0, facets: Bool = false) throws(SearchError)
        -> SearchResults
    {
        try snapshot.search(query, limit: limit, offset: offset, facets: facets)
    }

    /// Adds `document`, replacing any document with the same id. Visible after `commit()`.
    public func add(_ document: SearchDocument) {
        state.withLock { state in Self.add(document, to: &state) }
    }

    /// Adds or replaces many documents. Visible after `commit()`.
    public func add(contentsOf documents: some Sequence<SearchDocument>) {
        state.withLock { state in
            for d in documents { Self.add(d, to: &state) }
        }
    }

    /// Deletes the document with `id`; returns whether it existed. Visible after `commit()`.
    @discardableResult
    public func delete(id: String) -> Bool {
        state.withLock { state in Self.delete(id, from: &state) }
    }

    /// Whether a live (possibly uncommitted) document has `id`.
    public func contains(id: String) -> Bool {
        state.withLock { state in
            Self.ensureIDs(&state)
            return state.ids?[id] != nil
        }
    }

    /// Freezes the buffer into a segment, merges if there are too many segments, and publishes a snapshot.
    public func commit() {
        state.withLock { state in Self.commit(&state) }
    }

    /// Merges all segments into one, dropping deleted documents (also commits the buffer).
    public func forceMerge() {
        state.withLock { state in
            Self.commit(&state)
            guard state.segments.count > 1 || state.segments.contains(where: { $0.deletions.count > 0 }) else { return }
            Self.merge(Array(state.segments.indices), in: &state)
            Self.publish(&state)
        }
    }

    // MARK: state transitions (called with the lock held)

    static func add(_ document: SearchDocument, to state: inout State) {
        _ = delete(document.id, from: &state)
        let doc = state.buffer.add(document)
        state.bufferIDs[document.id] = doc
        state.ids?[document.id] = Address(segment: nil, doc: doc)
    }

    static func delete(_ id: String, from state: inout State) -> Bool {
        ensureIDs(&state)
        guard let address = state.ids?[id] else { return false }
        state.ids?[id] = nil
        if let name = address.segment {
            if let i = state.segments.firstIndex(where: { $0.name == name }) {
                state.segments[i].deletions.insert(address.doc)
            }
        } else {
            state.bufferDeletions.insert(address.doc)
            state.bufferIDs[id] = nil
        }
        return true
    }

    static func ensureIDs(_ state: inout State) {
        guard state.ids == nil else { return }
        var ids: [String: Address] = [:]
        for entry in state.segments {
            for doc in 0..<entry.segment.docCount where !entry.deletions.contains(doc) {
                ids[entry.segment.id(doc)] = Address(segment: entry.name, doc: doc)
            }
        }
        for (id, doc) in state.bufferIDs { ids[id] = Address(segment: nil, doc: doc) }
        state.ids = ids
    }

    static func commit(_ state: inout State) {
        if !state.buffer.isEmpty {
            let parts = state.buffer.freeze()
            state.buffer = SegmentBuilder(analyzer: state.buffer.analyzer, parameters: state.configuration.parameters)
            var deletions = DeletionSet(docCount: parts.docCount)
            for d in state.bufferDeletions { deletions.insert(d) }
            let name = "seg-\(state.indexID)-\(state.nextSegment)"
            state.nextSegment += 1
            // Freshly encoded bytes always parse; a failure here would be a bug, reported by dropping nothing.
            if let segment = try? Segment(storage: parts.encode()) {
                state.segments.append(Entry(segment: segment, deletions: deletions, name: name))
                for (id, doc) in state.bufferIDs { state.ids?[id] = Address(segment: name, doc: doc) }
            }
            state.bufferIDs = [:]
            state.bufferDeletions = []
        }
        state.segments.removeAll { $0.segment.docCount == $0.deletions.count }
        if state.segments.count > max(state.configuration.maxSegments, 1) {
            let bySize = state.segments.indices.sorted {
                state.segments[$0].segment.docCount - state.segments[$0].deletions.count
                    < state.segments[$1].segment.docCount - state.segments[$1].deletions.count
            }
            let k = state.segments.count - state.configuration.maxSegments + 1
            merge(Array(bySize.prefix(max(k, 2))), in: &state)
        }
        publish(&state)
    }

    static func merge(_ indices: [Int], in state: inout State) {
        let chosen = indices.sorted()
        let inputs = chosen.map { (state.segments[$0].segment, state.segments[$0].deletions) }
        let parts = SegmentMerger.merge(inputs, parameters: state.configuration.parameters)
        let name = "seg-\(state.indexID)-\(state.nextSegment)"
        state.nextSegment += 1
        guard let segment = try? Segment(storage: parts.encode()) else { return }
        for i in chosen.reversed() { state.segments.remove(at: i) }
        if parts.docCount > 0 {
            state.segments.append(Entry(segment: segment, deletions: DeletionSet(docCount: parts.docCount), name: name))
        }
        state.ids = nil
    }

    static func publish(_ state: inout State) {
        state.snapshot = IndexSnapshot(
            segments: state.segments.map { ($0.segment, $0.deletions, $0.name) },
            parameters: state.configuration.parameters, analyzer: state.buffer.analyzer)
    }
}

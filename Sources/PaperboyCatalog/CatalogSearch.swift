import Foundation
import PaperboyCore
import PaperboySearch
import PaperboyStore
import PaperboyVectors

/// How a search ranks: by words (BM25F), by meaning (MiniLM vectors), or both fused.
public enum SearchMode: String, Sendable, CaseIterable, Codable {
    case lexical, semantic, hybrid
}

/// A search as the site and the CLI ask it.
public struct CatalogQuery: Sendable, Equatable {
    public var text: String
    public var limit: Int
    public var offset: Int
    public var facets: Bool
    /// `nil` = the catalog's default (``SearchCatalog/defaultMode``).
    public var mode: SearchMode?
    /// Pseudo-relevance feedback for hybrid's lexical half (benchmarks turn it off to measure its cost).
    public var feedback: RelevanceFeedback
    /// A quoted phrase with no hits falls back to its words, with a warning (``SearchCatalog/search(_:)``). On for
    /// searches a person reads (API, page, CLI, eval); standing queries whose readers never see the warning (digest
    /// sections, feeds) turn it off, so "nothing new for this phrase" does not become "papers with its words".
    public var phraseFallback: Bool

    public init(text: String, limit: Int = 20, offset: Int = 0, facets: Bool = false, mode: SearchMode? = nil,
                feedback: RelevanceFeedback = HybridFusion.feedback, phraseFallback: Bool = true) {
        self.text = text
        self.limit = limit
        self.offset = offset
        self.facets = facets
        self.mode = mode
        self.feedback = feedback
        self.phraseFallback = phraseFallback
    }
}

/// One result: the paper with its counts, its score and a highlighted snippet of the abstract.
public struct CatalogHit: Sendable {
    public var detail: PaperDetail
    public var score: Float
    public var snippet: Snippet
}

/// A page of results.
public struct CatalogResults: Sendable {
    public var query: ParsedQuery
    public var total: Int
    public var hits: [CatalogHit]
    public var facets: SearchFacets?
    public var warnings: [String]
    /// The mode that actually ranked the results (a semantic request without words runs lexically).
    public var mode: SearchMode = .lexical
}

/// Hybrid fusion settings — the one home of these constants: the site, the API and `paperboy eval` (which ranks
/// through ``SearchCatalog/search(_:)``) all use them. Min-max normalised BM25F and cosine scores over each
/// retriever's top 100, summed with weights 0.6 / 0.4; the BM25F list is the query expanded by RM3 feedback from
/// its own first pass (``feedback``).
///
/// Chosen on SciFact *train* qrels (405 queries, `qrels-train.tsv`; test qrels were not looked at), nDCG@10 on
/// train: RRF k=60 0.7286, k=20 0.7330; linear α=0.3 0.7469, α=0.4 0.7558, α=0.5 0.7544, α=0.6 0.7387, α=0.7
/// 0.7217; RM3 with α = 0.4 fixed: 0.7558 → 0.7581 (`RelevanceFeedback` has the grid). Tried, not adopted (within
/// ±0.002 or worse): z-score normalisation (α 0.3–0.5: 0.7504–0.7562; depth 50: 0.7572, 300: 0.7511), exact
/// cosines for lexical-only candidates (0.7440), Rocchio feedback on the query vector (0.7423–0.7562), passage
/// vectors for documents past 256 tokens (max over passages 0.7560, mean 0.7518). Those grids ran on an earlier
/// evaluator with its own fusion call; to try a change now, edit these constants and run `paperboy eval`.
public enum HybridFusion {
    public static let denseWeight: Float = 0.4
    /// Pseudo-relevance feedback for the lexical half (`RelevanceFeedback.standard`: 2 documents, 3 terms, λ 0.95).
    public static let feedback = RelevanceFeedback.standard
    /// Candidates taken from each retriever (more when a deeper page is asked for).
    public static let depth = 100
}

extension SearchCatalog {
    /// Semantic search is the default once at least this share of papers has a vector.
    public static let semanticCoverageForDefault = 0.9

    /// Hybrid when the dense index covers (nearly) the whole collection, else lexical.
    public nonisolated var defaultMode: SearchMode {
        guard let semantic, documentCount > 0 else { return .lexical }
        return Double(semantic.count) >= Self.semanticCoverageForDefault * Double(documentCount) ? .hybrid : .lexical
    }

    /// Parses and runs `query`, then loads the hits' papers from the store (in rank order). A query that finds
    /// nothing because of a quoted phrase is run again with the phrase's words (``phraseFallback(_:_:snapshot:)``),
    /// with a warning saying so. Malformed queries throw ``PaperboyError`` `.invalidInput`; semantic or hybrid
    /// without a model throws `.configuration` naming the fix.
    public nonisolated func search(_ query: CatalogQuery) async throws -> CatalogResults {
        let parsed: ParsedQuery
        do {
            parsed = try QueryParser().parse(query.text)
        } catch {
            throw PaperboyError(.invalidInput, error.message)
        }
        let snapshot = indexes.lexical.snapshot
        let results = try await run(parsed, query, snapshot: snapshot)
        return try await phraseFallback(results, query, snapshot: snapshot)
    }

    /// Runs an already parsed query in the requested (or default) mode on `snapshot`.
    nonisolated func run(_ parsed: ParsedQuery, _ query: CatalogQuery, snapshot: IndexSnapshot) async throws
        -> CatalogResults
    {
        var mode = query.mode ?? defaultMode
        var warnings = parsed.warnings
        if mode != .lexical && semantic == nil {
            throw PaperboyError(.configuration, """
                Semantic search needs the MiniLM model: run scripts/fetch-model.sh (or set PAPERBOY_MODEL_DIR), \
                then restart. Lexical search works meanwhile (mode=lexical).
                """)
        }
        if mode != .lexical && (parsed.semanticText.isEmpty || parsed.sort != .relevance) {
            if query.mode != nil {
                warnings.append(parsed.sort != .relevance
                    ? "sorted by \(parsed.sort.rawValue): ranked by the lexical engine"
                    : "no words to compare by meaning: filters applied lexically")
            }
            mode = .lexical
        }
        let ranked: [SearchHit]
        var total: Int
        var facets: SearchFacets?
        if mode == .lexical {
            let results = snapshot.search(SearchRequest(query: parsed, limit: query.limit, offset: query.offset,
                                                        facets: query.facets))
            ranked = results.hits
            total = results.total
            facets = results.facets
        } else {
            let depth = min(1000, max(HybridFusion.depth, query.offset + query.limit))
            // Block-max pruning (inexact total) unless facets were asked for: the fused list needs the top `depth` only.
            // The lexical half runs while the query is being embedded (it needs no vector).
            let lexicalRequest = SearchRequest(query: parsed, limit: depth, facets: query.facets, exactTotal: query.facets)
            let isHybrid = mode == .hybrid
            async let lexicalHalf = isHybrid ? await lexicalWithFeedback(lexicalRequest, snapshot: snapshot, feedback: query.feedback) : nil
            let dense = try await denseHits(parsed, snapshot: snapshot, depth: depth)
            if mode == .semantic {
                ranked = Array(dense.dropFirst(query.offset).prefix(query.limit))
                total = dense.count
                if query.facets {
                    facets = snapshot.search(SearchRequest(query: parsed, limit: 0, facets: true)).facets
                }
            } else {
                let lexical = await lexicalHalf ?? snapshot.search(lexicalRequest)
                let fused = Fusion.normalizedSum([lexical.hits, dense],
                                                 weights: [1 - HybridFusion.denseWeight, HybridFusion.denseWeight])
                ranked = Array(fused.dropFirst(query.offset).prefix(query.limit))
                total = max(lexical.total, fused.count)
                facets = lexical.facets
            }
        }
        let hits = try await load(ranked, parsed: parsed)
        return CatalogResults(query: parsed, total: total, hits: hits, facets: facets, warnings: warnings, mode: mode)
    }

    /// Papers most similar in meaning to `id` (cosine of their vectors), best first. Without a vector for
    /// `id` (model missing, not embedded yet) falls back to a lexical search on its title.
    public nonisolated func similar(to id: PaperID, limit: Int = 6) async throws -> [CatalogHit] {
        let limit = min(max(limit, 1), 100)
        if let semantic, let vector = semantic.index.vector(for: id.rawValue) {
            let found: [VectorSearchHit]
            do {
                found = try semantic.index.search(vector, k: limit + 1)
            } catch {
                throw PaperboyError(.internal, "Vector search failed: \(error.message).")
            }
            let hits = found.filter { $0.id != id.rawValue }.prefix(limit).map { SearchHit(id: $0.id, score: $0.score) }
            return try await load(Array(hits), parsed: ParsedQuery())
        }
        guard let paper = try await store.paper(id)?.paper else { return [] }
        var parsed = ParsedQuery()
        parsed.text = [paper.title]
        let results = indexes.lexical.snapshot.search(SearchRequest(query: parsed, limit: limit + 1, exactTotal: false))
        return try await load(Array(results.hits.filter { $0.id != id.rawValue }.prefix(limit)), parsed: ParsedQuery())
    }

    /// The lexical half of hybrid search: BM25F with RM3 feedback (`IndexSnapshot.search(_:feedback:texts:)`), the
    /// feedback papers' title and abstract read from the store.
    nonisolated func lexicalWithFeedback(_ request: SearchRequest, snapshot: IndexSnapshot,
                                         feedback: RelevanceFeedback) async -> SearchResults {
        await snapshot.search(request, feedback: feedback) { hits in
            let details = try await store.details(hits.map { PaperID(unchecked: $0.id) })
            let textByID = Dictionary(details.map { ($0.paper.id.rawValue, $0.paper.title + " " + $0.paper.abstract) },
                                      uniquingKeysWith: { a, _ in a })
            return hits.map { textByID[$0.id] }
        }
    }

    /// Dense candidates for `parsed`: its words embedded, nearest vectors, restricted to documents that satisfy
    /// the query's constraints (phrases, authors, exclusions, categories, dates). Small constrained sets are
    /// scored exactly; otherwise the index's top candidates are filtered.
    nonisolated func denseHits(_ parsed: ParsedQuery, snapshot: IndexSnapshot, depth: Int) async throws -> [SearchHit] {
        guard let semantic else { return [] }
        let vectors = semantic.index
        guard let queryVector = try await semantic.embedder.embed([parsed.semanticText]).first else { return [] }
        let allowed = snapshot.documentIDs(satisfying: parsed)
        do {
            if let allowed, allowed.count <= 20_000 {
                return try vectors.exactSearch(queryVector, k: depth, among: allowed).map { SearchHit(id: $0.id, score: $0.score) }
            }
            let k = allowed == nil ? depth : min(vectors.count, depth * 8)
            let found = try vectors.search(queryVector, k: k)
            let kept = found.lazy.filter { allowed?.contains($0.id) ?? true }.prefix(depth)
            return kept.map { SearchHit(id: $0.id, score: $0.score) }
        } catch {
            throw PaperboyError(.internal, "Vector search failed: \(error.message).")
        }
    }

    /// The hits' papers from the store, in rank order, with snippets.
    nonisolated func load(_ ranked: [SearchHit], parsed: ParsedQuery) async throws -> [CatalogHit] {
        let details = try await store.details(ranked.map { PaperID(unchecked: $0.id) })
        let byID = Dictionary(details.map { ($0.paper.id.rawValue, $0) }, uniquingKeysWith: { a, _ in a })
        let found = ranked.compactMap { hit in byID[hit.id].map { (hit, $0) } }
        let snippets = Highlighter().snippets(query: parsed, texts: found.map(\.1.paper.abstract))
        return zip(found, snippets).map { CatalogHit(detail: $0.1, score: $0.0.score, snippet: $1) }
    }
}

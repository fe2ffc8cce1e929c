import Foundation
import Testing
import PaperboySearch

/// BM25F's three effects, each isolated so that a scorer without it fails: more occurrences rank higher, a
/// longer document ranks lower for the same occurrences, and a title match outranks the same match in the
/// abstract. Ids are chosen so that the expected winner always sorts *after* the loser: a scorer that gives
/// every match the same score (ties broken by id) fails every expectation.
@Suite struct RankingTests {
    static let filler = "model data results method approach training evaluation network system analysis"

    static func index(_ documents: [SearchDocument]) -> SearchIndex { SearchIndex.build(documents) }

    static func scores(_ index: SearchIndex, _ query: String) throws -> [String: Float] {
        Dictionary(uniqueKeysWithValues: try index.search(query, limit: 10).hits.map { ($0.id, $0.score) })
    }

    @Test func moreOccurrencesRankHigher() throws {
        let index = Self.index([
            SearchDocument(id: "a-once", title: "Notes", abstract: "sparse kernels for dense graphs on chips"),
            SearchDocument(id: "b-twice", title: "Notes", abstract: "sparse kernels for sparse graphs on chips"),
            SearchDocument(id: "c-other", title: "Other", abstract: Self.filler),
        ])
        let hits = try index.search("sparse", limit: 10).hits.map(\.id)
        #expect(hits == ["b-twice", "a-once"])
    }

    @Test func longerDocumentsRankLowerForTheSameOccurrences() throws {
        let index = Self.index([
            SearchDocument(id: "a-long", title: "Notes", abstract: "sparse kernels " + Self.filler + " " + Self.filler),
            SearchDocument(id: "b-short", title: "Notes", abstract: "sparse kernels on chips"),
            SearchDocument(id: "c-other", title: "Other", abstract: Self.filler),
        ])
        let scores = try Self.scores(index, "sparse")
        #expect(try index.search("sparse", limit: 10).hits.map(\.id) == ["b-short", "a-long"])
        #expect((scores["b-short"] ?? 0) > (scores["a-long"] ?? 0) * 1.2)
    }

    @Test func aTitleMatchOutranksTheSameMatchInTheAbstract() throws {
        let index = Self.index([
            SearchDocument(id: "a-abstract", title: "Kernels on chips", abstract: "sparse graphs and their uses"),
            SearchDocument(id: "b-title", title: "Sparse kernels on chips", abstract: "graphs and their uses"),
            SearchDocument(id: "c-other", title: "Other", abstract: Self.filler),
        ])
        #expect(try index.search("sparse", limit: 10).hits.map(\.id) == ["b-title", "a-abstract"])
    }

    @Test func rarerTermsWeighMore() throws {
        // "graphs" is in every document but one, "sparse" in one: the document with the rare term wins.
        let index = Self.index([
            SearchDocument(id: "a-common", title: "Notes", abstract: "graphs graphs on chips"),
            SearchDocument(id: "b-rare", title: "Notes", abstract: "sparse graphs on chips"),
            SearchDocument(id: "c-common", title: "Notes", abstract: "graphs in practice"),
            SearchDocument(id: "d-common", title: "Notes", abstract: "graphs for all"),
        ])
        #expect(try index.search("sparse graphs", limit: 10).hits.first?.id == "b-rare")
    }
}

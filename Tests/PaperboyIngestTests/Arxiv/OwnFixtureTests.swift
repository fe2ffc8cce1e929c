import Foundation
import PaperboyCore
import Testing
@testable import PaperboyIngest

/// Layouts the shared fixtures do not cover: listing feeds, `arXivRaw`, deleted records, OAI and API errors,
/// garbage and truncation.
@Suite("arXiv parsing: own fixtures and bad input")
struct OwnFixtureTests {
    static func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: Fixtures.directory.appendingPathComponent("arxiv/\(name)"))
    }

    @Test func listingFeedItemsAndAnnounceTypes() throws {
        let feed = try AtomFeed.parse(try Self.fixture("listing-cs.LG.xml"))
        #expect(feed.totalResults == nil && feed.entries.count == 4)
        #expect(feed.entries.map(\.announceType) == ["new", "new", "cross", "replace"])
        let a = feed.entries[0]
        #expect(a.id.versioned == "2611.10001v1" && a.title == "Sparse Mixtures for Long Contexts")
        #expect(a.abstract == "We study sparse mixtures\nfor long contexts.")
        #expect(a.authors.map(\.name) == ["Ada Lovelace", "Alan Turing", "Grace Hopper"])
        #expect(a.categories == ["cs.LG", "cs.CL"])
        #expect(a.published == Timestamp.parse("2026-11-24T05:00:00Z") && a.updated == nil)
        let b = feed.entries[1]
        #expect(b.title == "Gradient Noise & Generalisation" && b.doi == "10.1000/noise.1")
        #expect(b.journalRef == "J. Noise 1 (2026) 1" && b.authors.map(\.name) == ["Edsger Dijkstra"])
        #expect(feed.entries[2].published == nil, "a cross-list's date is not its submission date")
        #expect(feed.entries[3].id.versioned == "2405.15738v3" && feed.entries[3].abstract == "High-resolution LMMs.")
        let p = a.paper(source: "arxiv-listing")
        #expect(p.source == "arxiv-listing" && p.version == 1 && p.id == PaperID(unchecked: "2611.10001"))
    }

    @Test func arXivRawRecordsDeletedRecordsAndTokens() throws {
        let response = try OAIResponse.parse(try Self.fixture("oai-arXivRaw-page.xml"))
        #expect(response.resumptionToken == "6112345|1001" && response.completeListSize == 3 && response.cursor == 0)
        #expect(response.deleted == ["oai:arXiv.org:0704.0002"])
        let r = try #require(response.records.first)
        #expect(response.records.count == 1)
        #expect(r.id.versioned == "0704.0001v2")
        #expect(r.title == "Calculation of prompt diphoton production cross sections at Tevatron and\n  LHC energies")
        #expect(r.authors.map(\.name) == ["C. Bal\\'azs", "E. L. Berger", "P. M. Nadolsky", "C.-P. Yuan"])
        #expect(r.categories == ["hep-ph"] && r.comment == "37 pages, 15 figures; published version")
        #expect(r.journalRef == "Phys.Rev.D76:013009,2007" && r.doi == "10.1103/PhysRevD.76.013009")
        #expect(r.published == Timestamp.parse("2007-04-02T19:18:42Z") && r.updated == Timestamp.parse("2007-07-24T20:10:27Z"))
        #expect(r.abstract.hasPrefix("A fully differential calculation") && r.abstract.hasSuffix("at hadron colliders."))
        let p = r.paper(source: "arxiv-oai")
        #expect(p.version == 2 && p.updatedAt == Timestamp.parse("2007-07-24T20:10:27Z"))
        #expect(p.sourceUpdatedAt == Timestamp.parse("2026-11-19"))
    }

    @Test func oaiErrorsAreReported() throws {
        let response = try OAIResponse.parse(try Self.fixture("oai-error-noRecordsMatch.xml"))
        #expect(response.error?.code == "noRecordsMatch" && response.records.isEmpty)
    }

    @Test func apiErrorEntriesBecomeUpstreamErrors() throws {
        let error = #expect(throws: PaperboyError.self) { try AtomFeed.parse(try Self.fixture("api-error.xml")) }
        #expect(error?.code == .upstream && error?.message.contains("incorrect id format") == true)
    }

    @Test func garbageTruncatedAndForeignDocumentsAreErrors() throws {
        let listing = try Self.fixture("listing-cs.LG.xml")
        let truncated = listing.prefix(listing.count / 2)
        for (name, data) in [("garbage", Data("<<<not xml at all".utf8)), ("truncated", Data(truncated)),
                             ("html", Data("<html><body>Rate exceeded</body></html>".utf8)), ("empty", Data())] {
            let error = #expect(throws: PaperboyError.self, "\(name)") { try AtomFeed.parse(data) }
            #expect(error?.code == .upstream, "\(name)")
        }
        let oai = try Self.fixture("oai-arXivRaw-page.xml")
        #expect(throws: PaperboyError.self) { try OAIResponse.parse(Data(oai.prefix(oai.count - 40))) }
        #expect(throws: PaperboyError.self) { try OAIResponse.parse(listing) }
    }

    @Test func queriesBuildArxivURLs() throws {
        let q = ArxivQuery.submitted(categories: ["cs.LG", "cs.CL"], since: try Day(parsing: "2026-11-01"),
                                     until: try Day(parsing: "2026-11-03"))
        #expect(q.search == "(cat:cs.LG OR cat:cs.CL) AND submittedDate:[202611010000 TO 202611032359]")
        let url = q.url(base: URL(string: "https://export.arxiv.org/api/query")!, start: 400, maxResults: 200)
        let items = URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems ?? []
        #expect(items.first { $0.name == "search_query" }?.value == q.search)
        #expect(items.first { $0.name == "start" }?.value == "400" && items.first { $0.name == "max_results" }?.value == "200")
        #expect(items.first { $0.name == "sortBy" }?.value == "submittedDate")
        #expect(items.first { $0.name == "sortOrder" }?.value == "ascending")
        let oai = OAIHarvestRequest(prefix: .arXivRaw, set: "cs", from: try Day(parsing: "2026-11-01")).firstURL(
            base: URL(string: "https://oaipmh.arxiv.org/oai")!)
        #expect(oai.absoluteString == "https://oaipmh.arxiv.org/oai?verb=ListRecords&metadataPrefix=arXivRaw&set=cs&from=2026-11-01")
    }
}

import Foundation
import PaperboyCore
import Testing
@testable import PaperboyIngest

/// Every recorded arXiv response in `../shared/data/arxiv-fixtures` parses to the expected papers, field by field.
@Suite("arXiv shared fixtures")
struct SharedFixtureTests {
    static func load(_ path: String) throws -> Data? {
        guard let shared = Fixtures.sharedData else {
            print("skipped: ../shared/data is absent (set PAPERBOY_SHARED_DATA)")
            return nil
        }
        return try Data(contentsOf: shared.appendingPathComponent("arxiv-fixtures/\(path)"))
    }

    static func date(_ s: String) -> Date? { Timestamp.parse(s) }

    @Test func legacyAPIFeed() throws {
        guard let data = try Self.load("atom/legacy-api_cat-cs.RO-AND-neural_max2_2025-10-17.xml") else { return }
        let feed = try AtomFeed.parse(data)
        #expect(feed.totalResults == 5619 && feed.startIndex == 0 && feed.itemsPerPage == 2)
        #expect(feed.updated == Self.date("2025-10-17T00:00:00-04:00"))
        #expect(feed.entries.count == 2)
        let a = feed.entries[0]
        #expect(a.id.base == "2510.14968" && a.id.version == 1)
        #expect(a.title == "RDD: Retrieval-Based Demonstration Decomposer for Planner Alignment in\n  Long-Horizon Tasks")
        #expect(a.abstract.hasPrefix("To tackle long-horizon tasks, recent hierarchical vision-language-action\n(VLAs)"))
        #expect(a.abstract.hasSuffix("Code and more results are\navailable at rdd-neurips.github.io."))
        #expect(a.authors.map(\.name) == ["Mingxuan Yan", "Yuping Wang", "Zechun Liu", "Jiachen Li"])
        #expect(a.authors.allSatisfy { $0.affiliations.isEmpty })
        #expect(a.categories == ["cs.RO", "cs.AI", "cs.CV", "cs.LG", "cs.SY", "eess.SY"])
        #expect(a.published == Self.date("2025-10-16T17:59:37Z") && a.updated == Self.date("2025-10-16T17:59:37Z"))
        #expect(a.comment == "39th Conference on Neural Information Processing Systems (NeurIPS\n  2025); Project Website: rdd-neurips.github.io")
        #expect(a.journalRef == nil && a.doi == nil && a.announceType == nil)
        #expect(a.links == [
            ArxivRecord.Link(href: "http://arxiv.org/abs/2510.14968v1", rel: "alternate", title: nil, type: "text/html"),
            ArxivRecord.Link(href: "http://arxiv.org/pdf/2510.14968v1", rel: "related", title: "pdf", type: "application/pdf"),
        ])
        let p = a.paper(source: "arxiv-api")
        #expect(p.id == PaperID(unchecked: "2510.14968") && p.version == 1 && p.source == "arxiv-api")
        #expect(p.publishedAt == Self.date("2025-10-16T17:59:37Z") && p.updatedAt == nil)
        #expect(p.sourceUpdatedAt == Self.date("2025-10-16T17:59:37Z"))
        #expect(p.authors.map(\.name) == a.authors.map(\.name) && p.categories == a.categories)
        let b = feed.entries[1]
        #expect(b.id.versioned == "2510.14827v1")
        #expect(b.title == "Neural Implicit Flow Fields for Spatio-Temporal Motion Mapping")
        #expect(b.authors.map(\.name) == ["Yufei Zhu", "Shih-Min Yang", "Andrey Rudenko", "Tomasz P. Kucner",
                                          "Achim J. Lilienthal", "Martin Magnusson"])
        #expect(b.categories == ["cs.RO"] && b.comment == nil)
        #expect(b.abstract.hasPrefix("Safe and efficient robot operation") && b.abstract.hasSuffix("complex human motion patterns."))
    }

    @Test func zeroResultFeed() throws {
        guard let data = try Self.load("atom/legacy-api_zero-results_trimmed.xml") else { return }
        let feed = try AtomFeed.parse(data)
        #expect(feed == AtomFeed(totalResults: 0, startIndex: 0, itemsPerPage: 10,
                                 updated: Self.date("2025-01-15T00:00:00-05:00"), entries: []))
    }

    @Test func api2026Layout() throws {
        guard let data = try Self.load("atom/new-api_all-nicotine_max10_2026-07-17.xml") else { return }
        let feed = try AtomFeed.parse(data)
        #expect(feed.totalResults == 58 && feed.startIndex == 0 && feed.itemsPerPage == 10)
        #expect(feed.updated == Self.date("2026-07-17T20:35:09Z"))
        #expect(feed.entries.map(\.id.versioned) == [
            "1509.01687v1", "1206.3474v2", "2511.17570v1", "2004.14943v1", "1902.05515v2", "2603.02047v1",
            "0901.0089v1", "2212.06330v1", "q-bio/0509018v2", "0902.1417v1",
        ])
        #expect(feed.entries.map { $0.categories.first } == [
            "cond-mat.mes-hall", "cond-mat.mes-hall", "physics.soc-ph", "q-bio.BM", "q-bio.NC", "cs.CV", "q-bio.NC",
            "cs.AI", "q-bio.BM", "q-bio.BM",
        ])
        #expect(feed.entries.map(\.authors.count) == [1, 3, 5, 3, 1, 4, 4, 6, 2, 4])
        #expect(feed.entries.filter { $0.doi != nil }.map(\.id.base) == ["1509.01687", "1206.3474", "q-bio/0509018"])
        let first = feed.entries[0]
        #expect(first.title == "Single Molecule Transistor based Nanopore for the detection of Nicotine")
        #expect(first.abstract.hasPrefix("A nanopore based detection methodology was proposed"))
        #expect(first.abstract.hasSuffix("usually performed using chemical chromatography techniques."))
        #expect(first.authors == [ArxivRecord.Author(name: "S. J. Ray")])
        #expect(first.categories == ["cond-mat.mes-hall", "physics.comp-ph"])
        #expect(first.published == Self.date("2015-09-05T10:21:46Z") && first.updated == Self.date("2015-09-05T10:21:46Z"))
        #expect(first.comment == "4 figures")
        #expect(first.journalRef == "Journal of Applied Physics 116, 244307 (2014)")
        #expect(first.doi == "10.1063/1.4904358")
        #expect(first.links.map(\.title) == [nil, "pdf", "doi"])
        #expect(first.links.last?.href == "https://doi.org/10.1063/1.4904358")
        let second = feed.entries[1].paper(source: "arxiv-api")
        #expect(second.version == 2 && second.publishedAt == Self.date("2012-06-15T14:07:14Z"))
        #expect(second.updatedAt == Self.date("2013-07-09T09:20:29Z"))
        #expect(second.authors.map(\.name) == ["Hyung-June Lee", "Gunn Kim", "Young-Kyun Kwon"])
        #expect(second.journalRef == "Solid State Communications, v.167, pp.27 - 30 (2013)")
        #expect(second.doi == "10.1016/j.ssc.2013.06.001" && second.comment == "5 pages, 5 figures")
        let old = feed.entries[8]
        #expect(old.id.base == "q-bio/0509018" && old.id.isOldStyle)
        #expect(old.paper(source: "arxiv-api").id == PaperID(unchecked: "q-bio/0509018"))
        #expect(old.categories == ["q-bio.BM", "q-bio.SC"])
        #expect(old.journalRef == "Physical Biology, 3(2):147-159, 2006" && old.doi == "10.1088/1478-3975/3/2/007")
        let cv = feed.entries[5]
        #expect(cv.title == "NICO-RAG: Multimodal Hypergraph Retrieval-Augmented Generation for Understanding the Nicotine Public Health Crisis")
        #expect(cv.authors.map(\.name) == ["Manuel Serna-Aguilera", "Raegan Anderes", "Page Dobbs", "Khoa Luu"])
        #expect(cv.comment == nil && cv.journalRef == nil && cv.doi == nil)
        #expect(feed.entries[6].abstract.hasPrefix("We present a new approach to nicotinic receptor kinetics"))
    }

    @Test func oaiGetRecord() throws {
        guard let data = try Self.load("oai-pmh/GetRecord_arXiv_1401.2122.xml") else { return }
        let response = try OAIResponse.parse(data)
        #expect(response.resumptionToken == nil && response.deleted.isEmpty && response.error == nil)
        let r = try #require(response.records.first)
        #expect(response.records.count == 1)
        #expect(r.id.base == "1401.2122" && r.id.version == nil)
        #expect(r.title == "New integrable (3+1)-dimensional systems and contact geometry")
        #expect(r.authors == [ArxivRecord.Author(name: "A. Sergyeyev")])
        #expect(r.categories == ["math.AP", "hep-th", "math-ph", "math.DG", "math.MP", "nlin.SI"])
        #expect(r.published == Self.date("2014-01-09") && r.updated == Self.date("2017-10-23"))
        #expect(r.comment?.hasPrefix("16 pages, LaTeX, no figures, revised and abridged") == true)
        #expect(r.comment?.hasSuffix("Letters in Mathematical Physics (2017)") == true)
        #expect(r.journalRef == "Lett. Math. Phys. 108 (2018), no. 2, 359-376")
        #expect(r.doi == "10.1007/s11005-017-1013-4")
        #expect(r.abstract.hasPrefix("We introduce a novel systematic construction") && r.abstract.hasSuffix("rational in the spectral parameter."))
        #expect(r.describedAt == Self.date("2018-01-25"))
        let p = r.paper(source: "arxiv-oai")
        #expect(p.version == nil && p.updatedAt == Self.date("2017-10-23") && p.sourceUpdatedAt == Self.date("2018-01-25"))
        #expect(p.categories == ["math.AP", "hep-th", "math-ph", "math.DG", "math.MP", "nlin.SI"])
    }

    @Test func getRecordThroughTheHarvester() async throws {
        guard let data = try Self.load("oai-pmh/GetRecord_arXiv_1401.2122.xml") else { return }
        let clock = VirtualClock()
        let fetcher = ScriptedFetcher(clock: clock, [.success(FetchedResponse(status: 200, headers: ["content-type": "text/xml"], body: data)),
                                                     .success(.xml(OAIPages.error("idDoesNotExist")))])
        let harvester = OAIHarvester(http: PoliteFetcher(settings: testSettings(), fetcher: fetcher, clock: clock),
                                     store: try memorySQLiteStores().harvest)
        let record = try #require(try await harvester.record(try ArxivID(parsing: "1401.2122")))
        #expect(record.id.base == "1401.2122" && record.authors.map(\.name) == ["A. Sergyeyev"])
        #expect(fetcher.requests.first?.url.query == "verb=GetRecord&identifier=oai:arXiv.org:1401.2122&metadataPrefix=arXiv")
        #expect(try await harvester.record(try ArxivID(parsing: "1401.9999")) == nil)
    }

    @Test func oaiListRecordsHepTh() throws {
        guard let data = try Self.load("oai-pmh/ListRecords_arXiv_set-physics-hep-th_2017-12-14.xml") else { return }
        let response = try OAIResponse.parse(data)
        #expect(response.resumptionToken == nil && response.records.count == 3)
        let (a, b, c) = (response.records[0], response.records[1], response.records[2])
        #expect(a.id.base == "1412.8323" && a.authors.map(\.name) == ["Philipp A Hoehn"])
        #expect(a.title == "Toolbox for reconstructing quantum theory from rules on information\n  acquisition")
        #expect(a.categories == ["quant-ph", "gr-qc", "hep-th", "math-ph", "math.MP", "physics.hist-ph"])
        #expect(a.published == Self.date("2014-12-29") && a.updated == Self.date("2017-12-13"))
        #expect(a.journalRef == nil && a.doi == nil && a.comment?.hasPrefix("78 pages, many figures") == true)
        #expect(a.describedAt == Self.date("2017-12-14"))
        #expect(b.id.base == "1507.07790" && b.authors.map(\.name) == ["Luis B. Castro", "Edilberto O. Silva"])
        #expect(b.title == "Relativistic quantum dynamics of vector bosons in an Aharonov-Bohm\n  potential")
        #expect(b.comment == "7 pages" && b.journalRef == "J. Phys. A: Math. Theor. 51 (2018) 035201")
        #expect(b.doi == "10.1088/1751-8121/aa9c53" && b.categories == ["hep-th", "math-ph", "math.MP", "quant-ph"])
        #expect(b.abstract.hasPrefix("The Aharonov-Bohm (AB) problem for vector bosons"))
        #expect(c.id.base == "1607.01710")
        #expect(c.authors.map(\.name) == ["R. A. C. Correa", "D. M. Dantas", "P. H. R. S. Moraes", "A. de Souza Dutra",
                                          "C. A. S. Almeida"])
        #expect(c.categories == ["hep-th"] && c.comment == nil && c.doi == "10.1002/andp.201700188")
        #expect(c.published == Self.date("2016-07-06") && c.updated == Self.date("2016-10-13"))
    }

    @Test func oaiListRecordsHepEx() throws {
        guard let data = try Self.load("oai-pmh/ListRecords_arXiv_set-physics-hep-ex_2017-12-14.xml") else { return }
        let response = try OAIResponse.parse(data)
        #expect(response.records.count == 3 && response.resumptionToken == nil)
        let (a, b, c) = (response.records[0], response.records[1], response.records[2])
        #expect(a.id.base == "1706.05371" && a.authors.count == 13)
        #expect(a.authors.first?.name == "Tyler Anderson" && a.authors.last?.name == "Mani Tripathi")
        #expect(a.title.hasPrefix("Evaluation of Silicon Photomultipliers for use as Photosensors in Liquid"))
        #expect(a.categories == ["physics.ins-det", "hep-ex"] && a.comment == "10 pages, 9 figures")
        #expect(a.published == Self.date("2017-06-16") && a.updated == Self.date("2017-12-12") && a.doi == nil)
        #expect(b.id.base == "1706.09418" && b.title.hasPrefix("R-Parity Violation at the LHC"))
        #expect(b.authors.map(\.name) == ["Daniel Dercks", "Herbi Dreiner", "Manuel E. Krauss", "Toby Opferkuch", "Annika Reinert"])
        #expect(b.categories == ["hep-ph", "hep-ex"] && b.journalRef == "Eur. Phys. J. C (2017) 77:856")
        #expect(b.doi == "10.1140/epjc/s10052-017-5414-4")
        #expect(b.comment?.hasPrefix("43 pages, 13 tables, 17 figures; updated Figs. 11-17 and Tab. 12") == true)
        #expect(c.id.base == "1707.00874" && c.title.hasPrefix("Implications of right-handed neutrinos in $B-L$ extended standard model"))
        #expect(c.authors.map(\.name) == ["Priyotosh Bandyopadhyay", "Eung Jin Chun", "Rusa Mandal"])
        #expect(c.categories == ["hep-ph", "astro-ph.CO", "hep-ex"])
        #expect(c.comment?.hasPrefix("Typos corrected, references added") == true)
        #expect(c.published == Self.date("2017-07-04") && c.updated == Self.date("2017-12-13"))
        for r in response.records {
            #expect(!r.abstract.isEmpty && r.describedAt == Self.date("2017-12-14"), "\(r.id)")
        }
    }
}

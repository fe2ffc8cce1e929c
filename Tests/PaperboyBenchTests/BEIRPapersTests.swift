import Foundation
import PaperboyBench
import PaperboyCore
import PaperboySearch
import PaperboyStore
import Testing

@Suite struct BEIRPapersTests {
    @Test func syntheticIdsAreValidArxivIdsInCorpusOrder() throws {
        #expect(BEIRPapers.arxivID(index: 0) == "2001.00001")
        #expect(BEIRPapers.arxivID(index: 99_998) == "2001.99999")
        #expect(BEIRPapers.arxivID(index: 99_999) == "2002.00001")
        #expect(BEIRPapers.arxivID(index: 12 * 99_999) == "2101.00001")
        var seen = Set<String>()
        for i in stride(from: 0, to: 2_000_000, by: 997) {
            let id = BEIRPapers.arxivID(index: i)
            #expect(seen.insert(id).inserted)
            _ = try ArxivID(parsing: id)
        }
    }

    @Test func importedPapersMapBackToTheirBEIRIds() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("beir-\(UUID().uuidString).sqlite").path
        let stores = try Stores.sqlite(path: path)
        let corpus = [
            Evaluation.CorpusDocument(id: "4983", title: "Microstructural development", text: "Alterations of the architecture."),
            Evaluation.CorpusDocument(id: "MED-10", title: "  ", text: "statin breast cancer survival"),
        ]
        let report = try await BEIRPapers.importCorpus(corpus, into: stores.papers, scratch: FileManager.default.temporaryDirectory)
        #expect(report.counts.papersInserted == 2 && report.errors.isEmpty)
        let again = try await BEIRPapers.importCorpus(corpus, into: stores.papers, scratch: FileManager.default.temporaryDirectory)
        #expect(again.counts.papersInserted == 0 && again.counts.papersUpdated == 0)
        let first = try #require(try await stores.papers.paper(PaperID(unchecked: "2001.00001"))?.paper)
        let second = try #require(try await stores.papers.paper(PaperID(unchecked: "2001.00002"))?.paper)
        #expect(BEIRPapers.beirID(of: first) == "4983" && first.title == "Microstructural development")
        #expect(first.abstract == "Alterations of the architecture.")
        #expect(BEIRPapers.beirID(of: second) == "MED-10" && second.title == "MED-10")   // blank title → the BEIR id
    }

    @Test func aDocumentTheImporterRefusesFailsTheWholeImportNamingIt() async throws {
        let stores = try Stores.sqlite(path: FileManager.default.temporaryDirectory
            .appendingPathComponent("beir-\(UUID().uuidString).sqlite").path)
        let corpus = [Evaluation.CorpusDocument(id: "", title: "", text: "no id and no title")]
        await #expect(throws: PaperboyError.self) {
            _ = try await BEIRPapers.importCorpus(corpus, into: stores.papers, scratch: FileManager.default.temporaryDirectory)
        }
    }

    @Test func theCacheKeyFollowsTheText() {
        let a = [Evaluation.CorpusDocument(id: "1", title: "t", text: "x")]
        let b = [Evaluation.CorpusDocument(id: "1", title: "t", text: "y")]
        #expect(BEIRPapers.cacheKey(a) == BEIRPapers.cacheKey(a))
        #expect(BEIRPapers.cacheKey(a) != BEIRPapers.cacheKey(b))
    }
}

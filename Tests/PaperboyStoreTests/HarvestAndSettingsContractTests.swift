import Foundation
import PaperboyCore
import Testing
@testable import PaperboyStore

/// The behaviour every ``HarvestLedger`` owes: a page and the position after it are stored together or not at all.
@Suite("HarvestLedger contract")
struct HarvestLedgerContractTests {
    @Test(arguments: Backend.all)
    func aPageAndItsPositionAreOneTransaction(backend: Backend) async throws {
        let stores = try await backend.make()
        let ledger = stores.harvest
        #expect(try await ledger.harvestPosition("oai:cs") == nil)
        let position = HarvestPosition(resumptionToken: "t2", cursor: 100, pages: 1, records: 2)
        let counts = try await ledger.apply(ImportBatch(papers: [paper("2401.00001"), paper("2401.00002")]), recording: position,
                                            for: "oai:cs")
        #expect(counts.papersInserted == 2)
        #expect(try await ledger.harvestPosition("oai:cs") == position)
        #expect(try await stores.papers.stats().papers == 2)

        // A failing page (an entry for an unknown paper) stores neither its papers nor the new position.
        let bad = ImportBatch(papers: [paper("2401.00003")],
                              entries: [DailyEntry(day: day("2024-01-01"), paperID: PaperID(unchecked: "2401.09999"), position: 0)])
        await #expect(throws: PaperboyError.self) {
            try await ledger.apply(bad, recording: HarvestPosition(resumptionToken: "t3", pages: 2), for: "oai:cs")
        }
        #expect(try await ledger.harvestPosition("oai:cs") == position)
        #expect(try await stores.papers.stats().papers == 2)

        // The last page forgets its token.
        let done = HarvestPosition(resumptionToken: "ignored", cursor: 200, pages: 2, records: 2, completed: true)
        _ = try await ledger.apply(ImportBatch(), recording: done, for: "oai:cs")
        #expect(try await ledger.harvestPosition("oai:cs")?.resumptionToken == nil)
        try await ledger.resetHarvest("oai:cs")
        #expect(try await ledger.harvestPosition("oai:cs") == nil)
    }
}

/// The behaviour every ``SettingsStore`` owes: the first stored value wins, also between two openers racing.
@Suite("SettingsStore contract")
struct SettingsStoreContractTests {
    @Test(arguments: Backend.all)
    func theFirstWriterWins(backend: Backend) async throws {
        let settings = try await backend.make().settings
        #expect(try await settings.setting("token-secret", default: "first") == "first")
        #expect(try await settings.setting("token-secret", default: "second") == "first")
        #expect(try await settings.setting("other", default: "x") == "x")
    }

    /// Two first starts on one database generate different secrets at once; both must end with the same one.
    @Test(arguments: Backend.all)
    func twoFirstStartsAgreeOnASecret(backend: Backend) async throws {
        let pools = try await backend.make(pools: 2)
        let (a, b) = (pools[0].settings, pools[1].settings)
        let values = try await withThrowingTaskGroup(of: String.self) { group in
            for i in 0..<16 {
                group.addTask { try await (i % 2 == 0 ? a : b).setting("token-secret", default: "secret-\(i)") }
            }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(values.count == 1)
    }
}

import Foundation
import PaperboyCore
import PaperboyStore
import Testing
@testable import PaperboyIngest

func hfEntry(_ id: String, day: String = "2025-06-03", rank: Int = 0, upvotes: Int = 5) -> [String: Any] {
    [
        "daily_date": day, "rank_in_day": rank, "numComments": 2, "title": "Title \(id)",
        "publishedAt": "\(day)T03:09:30.655Z", "thumbnail": "https://example.org/\(id).png",
        "submittedBy": ["name": "akhaliq", "fullname": "AK", "avatarUrl": "/a.png"],
        "paper": [
            "id": id, "title": "Title \(id)\n  continued", "summary": "Line one\nline two.", "upvotes": upvotes,
            "publishedAt": "2025-06-01T17:00:00.000Z", "discussionId": "d\(id)",
            "authors": [["name": "Tri Dao", "hidden": false, "status": "claimed_verified",
                         "user": ["user": "tridao", "fullname": "Tri Dao", "avatarUrl": "/t.png"]],
                        ["name": "Hidden Person", "hidden": true]],
            "ai_summary": "Summary.", "ai_keywords": ["sparse attention"], "githubRepo": "https://github.com/x/y",
            "githubStars": 12, "projectPage": "https://x.github.io",
            "submittedOnDailyAt": "\(day)T01:00:00.000Z",
        ] as [String: Any],
    ]
}

@Suite("Importers")
struct ImporterTests {
    @Test func hfDailyRecordsBecomePapersAndEntries() async throws {
        let path = try Fixtures.tempFile("hf.jsonl", [hfEntry("2506.00001"), hfEntry("2506.00002", rank: 1)]
            .map(String.jsonLine).joined(separator: "\n") + "\n")
        let store: any PaperStore = InMemoryPaperStore()
        let report = try await Importer(store: store).importFile(at: path)
        #expect(report.format == .hfDaily)
        #expect(report.errors.isEmpty && report.records == 2)
        let detail = try await required(store.paper(PaperID(unchecked: "2506.00001")))
        let p = detail.paper
        #expect(p.title == "Title 2506.00001\n  continued")
        #expect(p.abstract == "Line one\nline two.")
        #expect(p.authors.map(\.name) == ["Tri Dao", "Hidden Person"])
        #expect(p.authors[0].user == UserRef(username: "tridao", fullname: "Tri Dao", avatarURL: "/t.png"))
        #expect(p.authors[1].hidden)
        #expect(p.aiKeywords == ["sparse attention"] && p.aiSummary == "Summary.")
        #expect(p.githubStars == 12 && p.discussionID == "d2506.00001")
        #expect(detail.upvotes == 5 && detail.comments == 2)
        #expect(detail.entries.first?.submitter?.username == "akhaliq")
        #expect(detail.entries.first?.day.description == "2025-06-03")
        #expect(detail.entries.first?.submittedAt == Timestamp.parse("2025-06-03T01:00:00.000Z"))
    }

    @Test func malformedLinesAreReportedWithNumbersAndSkipped() async throws {
        let lines = [
            String.jsonLine(hfEntry("2506.00001")),
            "{not json",
            String.jsonLine(hfEntry("2513.00001")),                      // impossible id (month 13)
            "",
            String.jsonLine(["daily_date": "2025-06-03", "paper": ["title": "no id"]]),
            String.jsonLine(hfEntry("2506.00003", day: "2025-02-30")),   // impossible date
            "[1, 2]",
            String.jsonLine(hfEntry("2506.00004", upvotes: -3)),
            String.jsonLine(hfEntry("2506.00002", rank: 1)),
        ]
        let path = try Fixtures.tempFile("mixed.jsonl", lines.joined(separator: "\n"))
        let store: any PaperStore = InMemoryPaperStore()
        let report = try await Importer(store: store).importFile(at: path)
        #expect(report.records == 2)
        #expect(report.errors.map(\.line) == [2, 3, 5, 6, 7, 8])
        #expect(report.errors[0].reason.contains("invalid JSON"))
        #expect(report.errors[1].reason.contains("2513.00001"))
        #expect(report.errors[2].reason.contains("id"))
        #expect(report.errors[3].reason.contains("2025-02-30"))
        let v1 = try await store.stats().papers
        #expect(v1 == 2)
    }

    @Test func strictModeWritesNothingOnABadLine() async throws {
        let lines = [String.jsonLine(hfEntry("2506.00001")), String.jsonLine(hfEntry("2506.00002")), "{oops"]
        let path = try Fixtures.tempFile("strict.jsonl", lines.joined(separator: "\n"))
        let store: any PaperStore = InMemoryPaperStore()
        var importer = Importer(store: store, strict: true)
        importer.batchSize = 1
        let report = try await importer.importFile(at: path)
        #expect(report.aborted)
        #expect(report.errors.map(\.line) == [3])
        let v2 = try await store.stats().papers
        #expect(v2 == 0)
    }

    @Test func importIsIdempotentAndReadsGzip() async throws {
        let body = (0..<25).map { String.jsonLine(hfEntry(String(format: "2506.%05d", $0), rank: $0)) }.joined(separator: "\n")
        let gz = try Fixtures.gzip(try Fixtures.tempFile("many.jsonl", body))
        let store: any PaperStore = InMemoryPaperStore()
        var importer = Importer(store: store)
        importer.batchSize = 10
        let first = try await importer.importFile(at: gz)
        #expect(first.records == 25 && first.counts.papersInserted == 25 && first.counts.entriesInserted == 25)
        let second = try await importer.importFile(at: gz)
        #expect(!second.counts.changedAnything && second.counts.papersUnchanged == 25)
    }

    @Test func truncatedGzipIsAnErrorButKeepsWhatCameBefore() async throws {
        let body = (0..<2000).map { String.jsonLine(hfEntry(String(format: "2506.%05d", $0), rank: $0)) }.joined(separator: "\n")
        let gz = try Fixtures.gzip(try Fixtures.tempFile("big.jsonl", body))
        let data = try Data(contentsOf: URL(fileURLWithPath: gz))
        let cut = try Fixtures.tempFile("cut.jsonl.gz", "")
        try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: cut))
        let report = try await Importer(store: InMemoryPaperStore()).importFile(at: cut)
        #expect(report.records > 0 && report.records < 2000)
        #expect(!report.errors.isEmpty)
    }

    @Test func arxivListingRecords() async throws {
        let line = String.jsonLine([
            "id": "2509.23025", "title": "Perceptual Influence", "authors": ["Gabriel A. Viana", "Jan Sijbers"],
            "categories": ["cs.CV", "cs.AI", "I.5.1; I.5.4; I.4.3; J.3"], "comment": NSNull(),
            "abstract": "Perceptual losses\nhave emerged.", "first_listed": "2025-10-01", "last_listed": "2025-10-02", "listings": 2,
        ])
        let bad = String.jsonLine(["id": "2509.23026", "title": "x", "authors": "not a list", "first_listed": "2025-10-01"])
        let store: any PaperStore = InMemoryPaperStore()
        let report = try await Importer(store: store).importFile(at: try Fixtures.tempFile("a.jsonl", line + "\n" + bad + "\n"))
        #expect(report.format == .arxivListing)
        #expect(report.errors.map(\.line) == [2])
        let p = try await required(store.paper(PaperID(unchecked: "2509.23025"))).paper
        #expect(p.categories == ["cs.CV", "cs.AI"])
        #expect(p.authors.map(\.name) == ["Gabriel A. Viana", "Jan Sijbers"])
        #expect(p.comment == nil)
        #expect(p.publishedAt == Timestamp.parse("2025-10-01"))
        let v3 = try await store.stats().dailyEntries
        #expect(v3 == 0)
    }

    @Test func kaggleSnapshotRecords() async throws {
        let store: any PaperStore = InMemoryPaperStore()
        let path = Fixtures.directory.appendingPathComponent("kaggle-sample.jsonl").path
        let report = try await Importer(store: store).importFile(at: path)
        #expect(report.format == .kaggle)
        #expect(report.errors.isEmpty && report.records == 4)
        let first = try await required(store.paper(PaperID(unchecked: "0704.0001"))).paper
        #expect(first.authors.map(\.name) == ["C. Balázs", "E. L. Berger", "P. M. Nadolsky", "C. -P. Yuan"])
        #expect(first.version == 2)
        #expect(first.publishedAt == Timestamp.parse("2007-04-02T19:18:42Z"))
        #expect(first.updatedAt == Timestamp.parse("2007-07-24T20:10:27Z"))
        #expect(first.doi == "10.1103/PhysRevD.76.013009")
        #expect(first.journalRef == "Phys.Rev.D76:013009,2007")
        #expect(first.abstract.hasPrefix("A fully differential"))
        let old = try await required(store.paper(PaperID(unchecked: "hep-th/9901001"))).paper
        #expect(old.version == 3)
        #expect(old.categories == ["hep-th", "math-ph", "math.MP"])
        #expect(old.authors.map(\.name) == ["A. Author", "B. Writer Jr"])
        let split = try await required(store.paper(PaperID(unchecked: "1501.00002"))).paper
        #expect(split.authors.map(\.name) == ["First Person", "Second Person", "Third Person"])
        let bad = #"{"id":"0704.0002","title":"t","versions":[{"version":"one"}],"update_date":"2008-01-01"}"#
        let badReport = try await Importer(store: store, format: .kaggle).importFile(at: try Fixtures.tempFile("k.jsonl", bad))
        #expect(badReport.errors.first?.reason.contains("versions") == true)
    }

    @Test func seedRecordsGetStableLocalIDsAndDayPositions() async throws {
        let lines = [
            String.jsonLine(["title": "A sparse paper", "abstract": "x", "authors_count": 6, "date": "2025-05-29", "upvotes": 2,
                             "github_urls": ["https://github.com/a/b"], "date_raw": "May 29, 2025"]),
            String.jsonLine(["title": "Another sparse paper", "abstract": "y", "authors_count": 3, "date": "2025-05-29", "upvotes": 0,
                             "github_urls": [], "date_raw": "May 29, 2025"]),
            String.jsonLine(["title": "Bad date", "abstract": "y", "authors_count": 3, "date": "May 29", "upvotes": 0, "date_raw": "May 29"]),
        ]
        let store: any PaperStore = InMemoryPaperStore()
        let report = try await Importer(store: store).importFile(at: try Fixtures.tempFile("seed.jsonl", lines.joined(separator: "\n")))
        #expect(report.format == .seed && report.errors.map(\.line) == [3])
        let id = PaperID.local(title: "A sparse paper")
        let p = try await required(store.paper(id))
        #expect(p.paper.authorCount == 6 && p.paper.totalAuthors == 6)
        #expect(p.paper.githubRepo == "https://github.com/a/b")
        #expect(p.upvotes == 2)
        let page = try await store.feed(FeedQuery(sort: .publishedAt))
        #expect(page.items.map(\.entry.position) == [0, 1])
    }

    @Test func unknownFormatAndMissingFilesAreClearErrors() async throws {
        let store: any PaperStore = InMemoryPaperStore()
        let report = try await Importer(store: store).importFile(at: try Fixtures.tempFile("u.jsonl", #"{"foo": 1}"#))
        #expect(report.errors.first?.reason.contains("unknown record format") == true)
        await #expect(throws: PaperboyError.self) {
            try await Importer(store: store).importFile(at: "/nonexistent/file.jsonl")
        }
    }

    @Test func sharedDataSamplesImportWithoutErrors() async throws {
        guard let shared = Fixtures.sharedData else {
            print("skipped: ../shared/data is absent")
            return
        }
        for file in ["hf-daily/daily_papers.jsonl.gz", "arxiv/arxiv_listings_2025-10_2026-06.jsonl.gz", "seed/papers.jsonl"] {
            let reader = try LineReader(path: shared.appendingPathComponent(file).path)
            var lines: [String] = []
            for line in reader {
                lines.append(line)
                if lines.count == 300 { break }
            }
            let report = try await Importer(store: InMemoryPaperStore()).importFile(
                at: try Fixtures.tempFile("sample.jsonl", lines.joined(separator: "\n")))
            #expect(report.errors.isEmpty, "\(file): \(report.errors.prefix(3))")
            #expect(report.records == lines.count)
        }
    }
}

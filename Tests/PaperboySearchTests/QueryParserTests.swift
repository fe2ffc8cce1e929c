import Foundation
import Testing
import PaperboySearch

@Suite struct QueryParserTests {
    let parser = QueryParser()

    @Test func parsesTheLanguage() throws {
        let q = try parser.parse(#"sparse "mixture of experts" author:"Tri Dao" au:gu cat:cs.CL -dense -"long context" year:2025 sort:date"#)
        #expect(q.text == ["sparse"])
        #expect(q.required == [.init(field: .text, text: "mixture of experts"), .init(field: .author, text: "Tri Dao"), .init(field: .author, text: "gu")])
        #expect(q.excluded == [.init(field: .text, text: "dense"), .init(field: .text, text: "long context")])
        #expect(q.categories == ["cs.CL"])
        #expect(q.fromDay == 20250101 && q.toDay == 20251231)
        #expect(q.sort == .date)
    }

    @Test func dateRanges() throws {
        var q = try parser.parse("date:2025-01..2025-06")
        #expect(q.fromDay == 20250101 && q.toDay == 20250631)
        q = try parser.parse("date:2025-01-15..2025-02-01")
        #expect(q.fromDay == 20250115 && q.toDay == 20250201)
        q = try parser.parse("date:2025-03..")
        #expect(q.fromDay == 20250301 && q.toDay == nil)
        q = try parser.parse("date:..2024-12")
        #expect(q.fromDay == nil && q.toDay == 20241231)
        q = try parser.parse("year:2023..2024 date:2024-06")
        #expect(q.fromDay == 20240601 && q.toDay == 20240631)
    }

    @Test func lenientCases() throws {
        var q = try parser.parse("foo:bar \"unbalanced quote")
        #expect(q.text == ["foo:bar"])
        #expect(q.required == [.init(field: .text, text: "unbalanced quote")])
        #expect(!q.warnings.isEmpty)
        q = try parser.parse("a - b -")
        #expect(q.text == ["a", "b"])
        q = try parser.parse("2:4 sparsity")
        #expect(q.text == ["2:4", "sparsity"])
        #expect(q.warnings.isEmpty)
    }

    @Test func invalidValuesThrowTypedErrors() {
        for (query, code) in [
            ("year:abc", SearchError.Code.invalidQuery), ("date:2025-13", .invalidQuery),
            ("sort:size", .invalidQuery), ("date:2025..2024", .invalidQuery), ("cat:cs.LG year:20x5", .invalidQuery),
            (String(repeating: "junk ", count: 2000), .queryTooLong),
        ] {
            do {
                _ = try parser.parse(query)
                Issue.record("expected an error for \(query.prefix(40))")
            } catch {
                #expect(error.code == code, "\(query.prefix(40))")
                #expect(!error.message.isEmpty)
            }
        }
    }

    /// Thousands of random byte strings and mutations of valid queries: parsing and searching never crash
    /// and every query finishes quickly.
    @Test func fuzz() {
        let index = SearchIndex.build(Fixtures.documents)
        let snapshot = index.snapshot
        let seeds = [
            #"sparse "mixture of experts" author:"Tri Dao" cat:cs.CL -dense year:2025 sort:date"#,
            "date:2025-01..2025-06 attention", "-\"a b\" -x author:dao", "2:4 N:M v1.5 $O(n^2)$ \\emph{x}",
        ]
        var rng = SplitMix64(seed: 42)
        let alphabet = Array("ab :-\"\\$^{}()..0123456789authorcatyeardatesort".utf8)
        let iterations = 3000
        var slowest = 0.0
        for i in 0..<iterations {
            var bytes: [UInt8]
            if i % 2 == 0 {
                bytes = (0..<Int(rng.next() % 64)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            } else {
                bytes = Array(seeds[i % seeds.count].utf8)
                for _ in 0..<(1 + Int(rng.next() % 6)) {
                    let pos = bytes.isEmpty ? 0 : Int(rng.next() % UInt64(bytes.count))
                    switch rng.next() % 3 {
                    case 0: if !bytes.isEmpty { bytes.remove(at: pos) }
                    case 1: bytes.insert(alphabet[Int(rng.next() % UInt64(alphabet.count))], at: pos)
                    default: if !bytes.isEmpty { bytes[pos] = UInt8(truncatingIfNeeded: rng.next()) }
                    }
                }
            }
            let query = String(decoding: bytes, as: UTF8.self)
            let start = Date()
            if let parsed = try? parser.parse(query) {
                _ = snapshot.search(SearchRequest(query: parsed, limit: 5, facets: i % 3 == 0))
                _ = Highlighter().snippet(query: parsed, text: Fixtures.documents[i % 5].abstract)
            }
            slowest = max(slowest, Date().timeIntervalSince(start))
        }
        let junk = String(decoding: (0..<10_000).map { _ in UInt8(truncatingIfNeeded: rng.next()) }, as: UTF8.self)
        #expect(throws: SearchError.self) { try parser.parse(junk) }
        _ = Analyzer().analyze(junk)
        #expect(slowest < 1.0, "slowest query took \(slowest) s")
    }
}

import Testing
import PaperboySearch

/// Pasted text (benchmark claims, titles with colons) must not turn into exclusions, filters or errors by accident.
@Suite struct QueryParserLenientTests {
    let parser = QueryParser()

    @Test func sciFactClaimHasNoExclusions() throws {
        let q = try parser.parse("E2f-1, -2, -3 regulate cell cycle")
        #expect(q.excluded.isEmpty)
        #expect(q.required.isEmpty)
        #expect(q.text == ["E2f-1,", "-2,", "-3", "regulate", "cell", "cycle"])
        #expect(q.warnings.isEmpty)
    }

    @Test func aDashBeforeADigitOrPunctuationIsText() throws {
        var q = try parser.parse("-3 -.5 -(x) --verbose")
        #expect(q.excluded.isEmpty)
        #expect(q.text == ["-3", "-.5", "-(x)", "--verbose"])
        // No letter or digit at all: dropped, like a lone "-".
        q = try parser.parse("a -- -, - -.. b")
        #expect(q.text == ["a", "b"])
        #expect(q.excluded.isEmpty)
        q = try parser.parse("-")
        #expect(q.isEmpty)
    }

    @Test func realExclusionsStillWork() throws {
        let q = try parser.parse(#"diffusion -gan -"score matching" -author:hinton -cat:cs.CV -über"#)
        #expect(q.text == ["diffusion"])
        #expect(q.excluded == [.init(field: .text, text: "gan"), .init(field: .text, text: "score matching"),
                               .init(field: .author, text: "hinton"), .init(field: .text, text: "über")])
        #expect(q.excludedCategories == ["cs.CV"])
    }

    @Test func anEmptyFieldIsIgnoredWithAWarning() throws {
        for text in ["author:", "sparse author:", "author: sparse", "au:\"\" sparse", "cat: sparse", "year: sparse",
                     "date: sparse", "sort: sparse", "-author: sparse", "Author: sparse"] {
            let q = try parser.parse(text)
            #expect(q.required.isEmpty && q.excluded.isEmpty && q.categories.isEmpty, "\(text)")
            #expect(q.fromDay == nil && q.toDay == nil && q.sort == .relevance, "\(text)")
            #expect(q.text == (text == "author:" ? [] : ["sparse"]), "\(text)")
            #expect(q.warnings.count == 1, "\(text)")
            #expect(q.warnings.first?.contains("has no value and was ignored") == true, "\(text)")
        }
        // The phrase after an empty field is searched as a phrase, not as the field's value.
        let q = try parser.parse(#"author: "Tri Dao""#)
        #expect(q.required == [.init(field: .text, text: "Tri Dao")])
    }

    @Test func unknownPrefixesStayText() throws {
        var q = try parser.parse("E. coli: growth Note: see http://example.org/x")
        #expect(q.text == ["E.", "coli:", "growth", "Note:", "see", "http://example.org/x"])
        #expect(q.required.isEmpty && q.excluded.isEmpty && q.categories.isEmpty)
        #expect(q.warnings.isEmpty)
        // A field-like word with a value is text too, and says so.
        q = try parser.parse("title:attention")
        #expect(q.text == ["title:attention"])
        #expect(q.warnings.count == 1)
        // An unknown field's quoted value stays a phrase of its own.
        q = try parser.parse(#"title:"attention is all""#)
        #expect(q.text == ["title:"])
        #expect(q.required == [.init(field: .text, text: "attention is all")])
        #expect(q.warnings.count == 1)
    }

    @Test func anUnbalancedQuoteRunsToTheEnd() throws {
        var q = try parser.parse(#"cells "cycle regulation"#)
        #expect(q.text == ["cells"])
        #expect(q.required == [.init(field: .text, text: "cycle regulation")])
        q = try parser.parse(#"author:"Tri Dao"#)
        #expect(q.required == [.init(field: .author, text: "Tri Dao")])
        q = try parser.parse(#"x -""#)
        #expect(q.text == ["x"] && q.excluded.isEmpty && q.required.isEmpty)
    }

    @Test func whatWorkedBeforeStillWorks() throws {
        let q = try parser.parse(#"author:hinton "exact phrase" cat:cs.LG date:2025-01..2025-06 sort:upvotes"#)
        #expect(q.required == [.init(field: .author, text: "hinton"), .init(field: .text, text: "exact phrase")])
        #expect(q.categories == ["cs.LG"])
        #expect(q.fromDay == 20250101 && q.toDay == 20250631)
        #expect(q.sort == .upvotes)
        #expect(q.warnings.isEmpty)
    }
}

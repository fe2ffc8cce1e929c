import PaperboyCore
import Testing

@Suite("Comment Markdown and account rules")
struct CommentMarkdownTests {
    typealias Span = CommentMarkdown.Span

    @Test func inlineStyles() {
        #expect(CommentMarkdown.inline("a *b* **c** `d`") == [
            Span(text: "a "), Span(text: "b", emphasis: true), Span(text: " "), Span(text: "c", strong: true),
            Span(text: " "), Span(text: "d", code: true),
        ])
        #expect(CommentMarkdown.inline("snake_case_name stays") == [Span(text: "snake_case_name stays")])
        #expect(CommentMarkdown.inline("2 * 3 = 6") == [Span(text: "2 * 3 = 6")])
        #expect(CommentMarkdown.inline("\\*not em\\*") == [Span(text: "*not em*")])
    }

    @Test func linksAreHTTPOnly() {
        #expect(CommentMarkdown.inline("[site](https://example.org/a?b=1)") == [Span(text: "site", href: "https://example.org/a?b=1")])
        #expect(CommentMarkdown.inline("see https://example.org/x.") == [
            Span(text: "see "), Span(text: "https://example.org/x", href: "https://example.org/x"), Span(text: "."),
        ])
        for bad in ["[x](javascript:alert(1))", "[x](data:text/html,hi)", "[x](//evil.example)", "[x](vbscript:y)"] {
            #expect(CommentMarkdown.inline(bad).allSatisfy { $0.href == nil }, "\(bad)")
        }
        // A quote ends the URL: the bare https://a.example is linked, the rest stays text.
        let broken = CommentMarkdown.inline("[x](https://a.example\" onclick=\"y)")
        #expect(broken.compactMap(\.href) == ["https://a.example"])
    }

    @Test func blocks() {
        let blocks = CommentMarkdown.parse("First line\nsame paragraph\n\n- one\n- two\n\n1. a\n2. b\n\n```\n<code> here\n```\nafter")
        #expect(blocks == [
            .paragraph([Span(text: "First line same paragraph")]),
            .list(ordered: false, items: [[Span(text: "one")], [Span(text: "two")]]),
            .list(ordered: true, items: [[Span(text: "a")], [Span(text: "b")]]),
            .code("<code> here"),
            .paragraph([Span(text: "after")]),
        ])
    }

    @Test func usernamesAndSlugs() throws {
        #expect(try Username.validate(" ada_l ") == "ada_l")
        for bad in ["a", "-x", "x y", "API", "settings", "é", String(repeating: "x", count: 33)] {
            #expect(throws: PaperboyError.self) { try Username.validate(bad) }
        }
        #expect(PaperCollection.slug(for: "My *best* Papers — 2025") == "my-best-papers-2025")
        #expect(PaperCollection.slug(for: "<>") == "collection")
        #expect(try Comment.validateBody(" \u{0}hi\u{7} ") == "hi")
    }
}

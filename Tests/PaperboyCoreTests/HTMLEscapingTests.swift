import PaperboyCore
import Testing

/// `HTMLEscaping.escape` is the one escaper for HTML written in Swift: digest and sign-in mails
/// (PaperboyDelivery), the fallback error page (PaperboyWeb) and RSS descriptions (PaperboyFeeds).
@Suite("HTML escaping")
struct HTMLEscapingTests {
    @Test func theFiveMarkupCharacters() {
        #expect(HTMLEscaping.escape("a < b & \"c\" > 'd'") == "a &lt; b &amp; &quot;c&quot; &gt; &#39;d&#39;")
        #expect(HTMLEscaping.escape("<script>alert('x')</script>") == "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
        #expect(HTMLEscaping.escape("\" onmouseover=\"x") == "&quot; onmouseover=&quot;x")
    }

    @Test func entitiesAreEscapedAgainNotKept() {
        #expect(HTMLEscaping.escape("&amp; &#39; &lt;") == "&amp;amp; &amp;#39; &amp;lt;")
    }

    @Test func everythingElseIsUnchanged() {
        for text in ["", "plain text", "Zoë, 李 雷 🎉", "line\nbreak\ttab\r", "https://example.org/a?b=1;c=2#d", "\u{0}\u{7}"] {
            #expect(HTMLEscaping.escape(text) == text)
        }
        #expect(HTMLEscaping.escape("https://example.org/?a=1&b=2") == "https://example.org/?a=1&amp;b=2")
    }

    /// A quote followed by a combining mark is one `Character` but still a quote to an HTML parser.
    @Test func combiningMarksDoNotHideAQuote() {
        #expect(HTMLEscaping.escape("\"\u{301}x") == "&quot;\u{301}x")
        #expect(HTMLEscaping.escape("'\u{301}") == "&#39;\u{301}")
        #expect(HTMLEscaping.escape("<\u{338}") == "&lt;\u{338}")
    }
}

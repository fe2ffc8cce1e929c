import Foundation
import PaperboyCore
import Testing
@testable import PaperboyFeeds

@Suite("RSS and Atom writers")
struct FeedWriterTests {
    @Test("XML escaping covers markup characters, CR and forbidden control characters")
    func escaping() {
        #expect(XMLEscaping.escape("a<b & c>\"d'") == "a&lt;b &amp; c&gt;&quot;d&apos;")
        #expect(XMLEscaping.escape("]]>") == "]]&gt;")
        #expect(XMLEscaping.escape("x\u{0}\u{1}\u{8}\u{B}\u{C}\u{1F}y\tz\n") == "xy\tz\n")
        #expect(XMLEscaping.escape("a\r\nb") == "a&#13;\nb")
        #expect(XMLEscaping.escape("\u{FFFE}ok\u{FFFF}🎉") == "ok🎉")
    }

    @Test("RSS descriptions are plain text made HTML (HTMLEscaping), then XML-escaped")
    func rssDescriptionsAreHTML() {
        var document = FeedFixtures.document
        document.subtitle = "Tom's <papers>"
        document.items[0].summary = "a < b & \"c\" 'd'"
        let xml = RSSWriter().string(document)
        #expect(xml.contains("<description>Tom&amp;#39;s &amp;lt;papers&amp;gt;</description>"))
        #expect(xml.contains("<description>a &amp;lt; b &amp;amp; &amp;quot;c&amp;quot; &amp;#39;d&amp;#39;</description>"))
    }

    @Test("Dates: RFC 822 for RSS/HTTP, RFC 3339 for Atom, HTTP dates parse back")
    func dates() {
        let date = FeedFixtures.base
        #expect(FeedDates.rfc822(date) == "Sun, 29 Nov 2026 15:39:50 GMT")
        #expect(FeedDates.rfc3339(date) == "2026-11-29T15:39:50Z")
        #expect(FeedDates.rfc3339(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
        #expect(UTCDateTime.parseRFC1123("Sun, 29 Nov 2026 15:39:50 GMT") == date)
        #expect(UTCDateTime.parseRFC1123("Tue, 29 Feb 2000 00:00:00 GMT") == Date(timeIntervalSince1970: 951_782_400))
        #expect(UTCDateTime.parseRFC1123("yesterday") == nil)
    }

    @Test("RSS 2.0 structure: atom:link self, guid isPermaLink, RFC 822 dates, no raw markup from data")
    func rss() {
        let xml = RSSWriter().string(FeedFixtures.document)
        #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\""))
        #expect(xml.contains("<atom:link href=\"https://paperboy.example/search/feed.atom?q=%24%5Calpha%24&amp;sort=new\" rel=\"self\" type=\"application/rss+xml\"/>"))
        #expect(xml.contains("<guid isPermaLink=\"true\">https://paperboy.example/papers/2611.10000</guid>") == false)
        #expect(xml.contains("<guid isPermaLink=\"false\">tag:paperboy.example,2026:paper-1</guid>"))
        #expect(xml.contains("<pubDate>Sun, 29 Nov 2026 15:39:50 GMT</pubDate>"))
        #expect(xml.contains("<lastBuildDate>Sun, 29 Nov 2026 16:09:50 GMT</lastBuildDate>"))
        #expect(!xml.contains("]]>"))
        #expect(!xml.unicodeScalars.contains { !XMLEscaping.isAllowed($0) })
        var permalink = FeedFixtures.document
        permalink.items[0].url = permalink.items[0].id
        #expect(RSSWriter().string(permalink).contains("<guid isPermaLink=\"true\">https://paperboy.example/papers/2611.10000</guid>"))
    }

    @Test("Atom structure: xml:lang, self and alternate links, RFC 3339 dates, text titles")
    func atom() {
        let xml = AtomWriter().string(FeedFixtures.document)
        #expect(xml.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en\">"))
        #expect(xml.contains("<link rel=\"self\" type=\"application/atom+xml\" href=\"https://paperboy.example/search/feed.atom?q=%24%5Calpha%24&amp;sort=new\"/>"))
        #expect(xml.contains("<link rel=\"alternate\" type=\"text/html\" href=\"https://paperboy.example/search?q=%24%5Calpha%24&amp;sort=new\"/>"))
        #expect(xml.contains("<updated>2026-11-29T16:09:50Z</updated>"))
        #expect(xml.contains("<title type=\"text\">Attention &lt; Recurrence &amp; Convolution &gt; everything</title>"))
        #expect(xml.contains("<content type=\"html\">&lt;p&gt;Zoë &amp;amp; &lt;b&gt;bold&lt;/b&gt; results&lt;/p&gt;</content>"))
        #expect(!xml.contains("]]>"))
    }

    @Test("An empty feed is still valid and dated by the document")
    func empty() {
        var document = FeedFixtures.document
        document.items = []
        #expect(document.lastModified == FeedFixtures.base.addingTimeInterval(-86_400))
        #expect(AtomWriter().string(document).contains("<updated>2026-11-28T15:39:50Z</updated>"))
        #expect(RSSWriter().string(document).contains("</channel>\n</rss>\n"))
    }

    @Test("SHA-256 matches the FIPS test vectors")
    func sha256() {
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex(Array(repeating: UInt8(ascii: "a"), count: 1000)).hasPrefix("41edece42d63e8d9bf515a9ba6932e1c"))
    }

    @Test("ETag and Last-Modified validators decide 304s")
    func validators() {
        let document = FeedFixtures.document
        let bytes = AtomWriter().data(document)
        let validators = FeedCacheValidators(bytes: bytes, feed: document)
        #expect(validators.etag.count == 34 && validators.etag.hasPrefix("\"") && validators.etag.hasSuffix("\""))
        #expect(validators == FeedCacheValidators(bytes: bytes, feed: document))
        #expect(validators.etag != FeedCacheValidators(bytes: RSSWriter().data(document), feed: document).etag)
        #expect(validators.lastModifiedHeader == "Sun, 29 Nov 2026 16:09:50 GMT")
        #expect(validators.isNotModified(ifNoneMatch: validators.etag, ifModifiedSince: nil))
        #expect(validators.isNotModified(ifNoneMatch: "\"other\", W/\(validators.etag)", ifModifiedSince: nil))
        #expect(validators.isNotModified(ifNoneMatch: "*", ifModifiedSince: nil))
        #expect(!validators.isNotModified(ifNoneMatch: "\"other\"", ifModifiedSince: validators.lastModifiedHeader))
        #expect(validators.isNotModified(ifNoneMatch: nil, ifModifiedSince: validators.lastModifiedHeader))
        #expect(!validators.isNotModified(ifNoneMatch: nil, ifModifiedSince: "Sun, 29 Nov 2026 16:09:49 GMT"))
        #expect(!validators.isNotModified(ifNoneMatch: nil, ifModifiedSince: "garbage"))
        #expect(!validators.isNotModified(ifNoneMatch: nil, ifModifiedSince: nil))
    }
}

/// Writes Atom 1.0 (RFC 4287) with `xml:lang`, RFC 3339 dates, `link rel="self"` and `rel="alternate"`,
/// `type="text"` titles and summaries (read back exactly) and `type="html"` content.
public struct AtomWriter: Sendable {
    /// The media type to serve the output with.
    public static let contentType = "application/atom+xml; charset=utf-8"

    /// Creates a writer.
    public init() {}

    /// The feed as an XML string.
    public func string(_ feed: FeedDocument) -> String {
        var xml = XMLBuilder()
        xml.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        xml.raw("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"\(XMLEscaping.escape(feed.language))\">\n")
        xml.element("id", feed.id)
        xml.element("title", feed.title, attributes: ["type": "text"])
        xml.element("subtitle", feed.subtitle, attributes: ["type": "text"])
        xml.element("updated", FeedDates.rfc3339(feed.lastModified))
        xml.empty("link", ["rel": "self", "type": "application/atom+xml", "href": feed.selfURL])
        xml.empty("link", ["rel": "alternate", "type": "text/html", "href": feed.siteURL])
        xml.raw("<author>\n")
        xml.element("name", feed.authorName)
        xml.raw("</author>\n")
        xml.element("generator", "Paperboy")
        for entry in feed.items {
            xml.raw("<entry>\n")
            xml.element("id", entry.id)
            xml.element("title", entry.title, attributes: ["type": "text"])
            xml.empty("link", ["rel": "alternate", "type": "text/html", "href": entry.url])
            xml.element("published", FeedDates.rfc3339(entry.published))
            xml.element("updated", FeedDates.rfc3339(entry.updated))
            for author in entry.authors {
                xml.raw("<author>\n")
                xml.element("name", author)
                xml.raw("</author>\n")
            }
            for category in entry.categories { xml.empty("category", ["term": category]) }
            xml.element("summary", entry.summary, attributes: ["type": "text"])
            if let html = entry.contentHTML { xml.element("content", html, attributes: ["type": "html"]) }
            xml.raw("</entry>\n")
        }
        xml.raw("</feed>\n")
        return xml.output
    }

    /// The feed as UTF-8 bytes.
    public func data(_ feed: FeedDocument) -> [UInt8] {
        Array(string(feed).utf8)
    }
}

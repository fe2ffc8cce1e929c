import PaperboyCore

/// Writes RSS 2.0 with `atom:link rel="self"`, RFC 822 dates, `guid isPermaLink`, `dc:creator` authors
/// and `content:encoded` HTML.
///
/// RSS readers treat `description` as HTML, so the plain-text subtitle and summaries are HTML-escaped
/// (`HTMLEscaping`, PaperboyCore) before they are XML-escaped (a summary `a < b` reads back as HTML `a &lt; b`,
/// which displays as `a < b`).
public struct RSSWriter: Sendable {
    /// The media type to serve the output with.
    public static let contentType = "application/rss+xml; charset=utf-8"

    /// Creates a writer.
    public init() {}

    /// The feed as an XML string.
    public func string(_ feed: FeedDocument) -> String {
        var xml = XMLBuilder()
        xml.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        xml.raw("<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" ")
        xml.raw("xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">\n")
        xml.raw("<channel>\n")
        xml.element("title", feed.title)
        xml.element("link", feed.siteURL)
        xml.element("description", HTMLEscaping.escape(feed.subtitle))
        xml.element("language", feed.language)
        xml.element("lastBuildDate", FeedDates.rfc822(feed.lastModified))
        xml.element("generator", "Paperboy")
        xml.empty("atom:link", ["href": feed.selfURL, "rel": "self", "type": "application/rss+xml"])
        for item in feed.items {
            xml.raw("<item>\n")
            xml.element("title", item.title)
            xml.element("link", item.url)
            xml.element("guid", item.id, attributes: ["isPermaLink": item.id == item.url ? "true" : "false"])
            xml.element("description", HTMLEscaping.escape(item.summary))
            if let html = item.contentHTML { xml.element("content:encoded", html) }
            for author in item.authors { xml.element("dc:creator", author) }
            for category in item.categories { xml.element("category", category) }
            xml.element("pubDate", FeedDates.rfc822(item.published))
            xml.raw("</item>\n")
        }
        xml.raw("</channel>\n</rss>\n")
        return xml.output
    }

    /// The feed as UTF-8 bytes.
    public func data(_ feed: FeedDocument) -> [UInt8] {
        Array(string(feed).utf8)
    }
}

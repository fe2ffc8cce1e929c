import Foundation

/// A feed to publish as RSS 2.0 (``RSSWriter``) or Atom 1.0 (``AtomWriter``).
///
/// All text is plain text (any Unicode; characters XML 1.0 forbids are dropped when writing). URLs are
/// absolute strings, written as they are (escaped for XML only).
public struct FeedDocument: Sendable, Equatable {
    /// The feed's title, e.g. `Paperboy — trending papers`.
    public var title: String
    /// A one-line description (RSS `description`, Atom `subtitle`).
    public var subtitle: String
    /// The feed's own URL (`atom:link rel="self"` / `link rel="self"`).
    public var selfURL: String
    /// The HTML page the feed mirrors (RSS `link`, Atom `link rel="alternate"`).
    public var siteURL: String
    /// A permanent, unique identifier (Atom `id`); usually the self URL or a `tag:` URI.
    public var id: String
    /// When the feed last changed; used as ``lastModified`` only when there are no items, so that the
    /// output (and its ETag) depends on the items and not on the time it was rendered.
    public var updated: Date
    /// The language tag, e.g. `en` (RSS `language`, Atom `xml:lang`).
    public var language: String
    /// The feed-level author name (Atom requires one when an entry has no authors).
    public var authorName: String
    /// The entries, newest first by convention.
    public var items: [FeedEntry]

    /// Creates a feed document.
    public init(title: String, subtitle: String, selfURL: String, siteURL: String, id: String, updated: Date,
                language: String = "en", authorName: String = "Paperboy", items: [FeedEntry]) {
        self.title = title
        self.subtitle = subtitle
        self.selfURL = selfURL
        self.siteURL = siteURL
        self.id = id
        self.updated = updated
        self.language = language
        self.authorName = authorName
        self.items = items
    }

    /// The newest `updated` date among the items, or the feed's ``updated`` when there are none.
    /// Written as RSS `lastBuildDate` / Atom `updated` and used for `Last-Modified`.
    public var lastModified: Date {
        items.map(\.updated).max() ?? updated
    }
}

/// One entry of a ``FeedDocument`` (a paper).
public struct FeedEntry: Sendable, Equatable {
    /// A permanent, unique identifier (Atom `id`, RSS `guid`; a permalink when equal to ``url``).
    public var id: String
    /// The title as plain text (may contain `<`, `&`, TeX, any Unicode).
    public var title: String
    /// The page of the entry.
    public var url: String
    /// A short plain-text summary.
    public var summary: String
    /// Optional full content as HTML (RSS `content:encoded`, Atom `content type="html"`).
    public var contentHTML: String?
    /// Author names.
    public var authors: [String]
    /// Category labels (e.g. `cs.LG`).
    public var categories: [String]
    /// First publication time.
    public var published: Date
    /// Last change time.
    public var updated: Date

    /// Creates an entry.
    public init(id: String, title: String, url: String, summary: String, contentHTML: String? = nil,
                authors: [String] = [], categories: [String] = [], published: Date, updated: Date? = nil) {
        self.id = id
        self.title = title
        self.url = url
        self.summary = summary
        self.contentHTML = contentHTML
        self.authors = authors
        self.categories = categories
        self.published = published
        self.updated = updated ?? published
    }
}

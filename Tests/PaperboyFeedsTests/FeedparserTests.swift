import Foundation
import Testing
@testable import PaperboyFeeds

/// Reads the writers' output back with PyPI's feedparser 6.0.14 (through `scripts/feed-check.py`).
/// Enabled when `PAPERBOY_FEEDPARSER_PYTHON` names a Python with feedparser (set by `scripts/test-mail.sh`).
@Suite("feedparser reads the feeds back exactly",
       .enabled(if: ProcessInfo.processInfo.environment["PAPERBOY_FEEDPARSER_PYTHON"] != nil, "run scripts/test-mail.sh"))
struct FeedparserTests {
    struct Parsed: Decodable {
        struct Feed: Decodable {
            struct Link: Decodable { var rel: String?; var href: String?; var type: String? }
            var title: String?
            var subtitle: String?
            var link: String?
            var id: String?
            var language: String?
            var updated: Int?
            var links: [Link]
        }

        struct Entry: Decodable {
            var id: String?
            var guidislink: Bool?
            var title: String?
            var title_type: String?
            var link: String?
            var summary: String?
            var summary_type: String?
            var content: [String]
            var authors: [String]
            var tags: [String]
            var published: Int?
            var updated: Int?
        }

        var bozo: Int
        var bozo_exception: String?
        var version: String
        var feed: Feed
        var entries: [Entry]
    }

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Writes both feeds to a temporary directory and returns feedparser's view of (RSS, Atom).
    func parse(_ document: FeedDocument) throws -> (rss: Parsed, atom: Parsed) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("paperboy-feeds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let rssFile = directory.appendingPathComponent("feed.rss")
        let atomFile = directory.appendingPathComponent("feed.atom")
        try Data(RSSWriter().data(document)).write(to: rssFile)
        try Data(AtomWriter().data(document)).write(to: atomFile)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: ProcessInfo.processInfo.environment["PAPERBOY_FEEDPARSER_PYTHON"]!)
        process.arguments = [Self.packageRoot.appendingPathComponent("scripts/feed-check.py").path, rssFile.path, atomFile.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let parsed = try JSONDecoder().decode([String: Parsed].self, from: data)
        return (try #require(parsed[rssFile.path]), try #require(parsed[atomFile.path]))
    }

    /// feedparser hands RSS descriptions back as HTML; this undoes the entity escaping the writer added.
    func htmlUnescape(_ html: String) -> String {
        html.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    @Test("bozo == 0 and titles, summaries, dates, links, authors and categories round-trip")
    func roundTrip() throws {
        let document = FeedFixtures.document
        let (rss, atom) = try parse(document)
        #expect(rss.bozo == 0, "\(rss.bozo_exception ?? "")")
        #expect(atom.bozo == 0, "\(atom.bozo_exception ?? "")")
        #expect(rss.version == "rss20")
        #expect(atom.version == "atom10")

        for parsed in [rss, atom] {
            #expect(parsed.feed.title == document.title)
            #expect(parsed.feed.subtitle.map(htmlUnescape) == document.subtitle)
            #expect(parsed.feed.link == document.siteURL)
            #expect(parsed.feed.language == "en")
            #expect(parsed.feed.updated == Int(document.lastModified.timeIntervalSince1970))
            #expect(parsed.feed.links.contains { $0.rel == "self" && $0.href == document.selfURL })
            #expect(parsed.feed.links.contains { $0.rel == "alternate" && $0.href == document.siteURL })
            #expect(parsed.entries.count == document.items.count)
            for (entry, item) in zip(parsed.entries, document.items) {
                #expect(entry.id == item.id)
                #expect(entry.title == XMLEscaping.stripInvalid(item.title))
                #expect(entry.title_type == "text/plain")
                #expect(entry.link == item.url)
                #expect(entry.authors == item.authors)
                #expect(entry.tags == item.categories)
                #expect(entry.published == Int(item.published.timeIntervalSince1970))
            }
        }
        // Atom: text summaries are exact; RSS: descriptions are HTML that displays as the original text.
        for (entry, item) in zip(atom.entries, document.items) {
            #expect(entry.summary == XMLEscaping.stripInvalid(item.summary))
            #expect(entry.summary_type == "text/plain")
            #expect(entry.updated == Int(item.updated.timeIntervalSince1970))
        }
        for (entry, item) in zip(rss.entries, document.items) {
            #expect(entry.summary.map(htmlUnescape) == XMLEscaping.stripInvalid(item.summary))
            #expect(entry.guidislink == (item.id == item.url))
        }
        #expect(atom.entries[0].content == ["<p>Zoë &amp; <b>bold</b> results</p>"])
        #expect(rss.entries[0].content == ["<p>Zoë &amp; <b>bold</b> results</p>"])
    }

    @Test("Every nasty title parses on its own", arguments: FeedFixtures.nastyTitles)
    func singleTitle(title: String) throws {
        var document = FeedFixtures.document
        document.title = title
        document.items = [FeedEntry(id: "https://paperboy.example/p/1", title: title, url: "https://paperboy.example/p/1",
                                    summary: title, published: FeedFixtures.base)]
        let (rss, atom) = try parse(document)
        #expect(rss.bozo == 0 && atom.bozo == 0)
        #expect(rss.entries.first?.title == XMLEscaping.stripInvalid(title))
        #expect(atom.entries.first?.title == XMLEscaping.stripInvalid(title))
        #expect(atom.feed.title == XMLEscaping.stripInvalid(title))
        #expect(atom.entries.first?.summary == XMLEscaping.stripInvalid(title))
    }
}

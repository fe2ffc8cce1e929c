import Foundation
@testable import PaperboyFeeds

/// Feeds full of characters that break naive writers.
enum FeedFixtures {
    static let nastyTitles = [
        "Attention < Recurrence & Convolution > everything",
        "Closing ]]> inside a title, and <![CDATA[ too",
        "TeX: $\\alpha$, \\textbf{x}, $a<b$ and {braces} \\\\ newline",
        "Emoji 🧪👩‍🔬 and CJK 大型语言模型的推理 and accents Zoë Müller, François Éluard, Dvořák",
        "Control\u{01}chars\u{0B}vanish\u{1F}here\u{07}",
        "Quotes \"double\" and 'single' & a <tag> look-alike",
        "Non-characters \u{FFFE}\u{FFFF} vanish too",
    ]

    /// What a parser must read back for each title (forbidden characters removed).
    static let expectedTitles = nastyTitles.map(XMLEscaping.stripInvalid)

    static let summaries = [
        "We show that a < b && c > d for all $\\epsilon > 0$.",
        "Zoë's Übersicht: 中文摘要 with emoji 🎉",
        "Plain summary.",
        "A summary with ]]> and \"quotes\" and\ttabs",
        "Bell\u{07} removed",
        "Ampersand &amp; literally written as an entity",
        "Last one",
    ]

    static let base = Date(timeIntervalSince1970: 1_795_966_790)  // Sun, 29 Nov 2026 15:39:50 UTC

    static var document: FeedDocument {
        let entries = nastyTitles.enumerated().map { index, title in
            FeedEntry(
                id: index % 2 == 0 ? "https://paperboy.example/papers/2611.\(10000 + index)" : "tag:paperboy.example,2026:paper-\(index)",
                title: title,
                url: "https://paperboy.example/papers/2611.\(10000 + index)?ref=feed&x=<\(index)>",
                summary: summaries[index],
                contentHTML: index == 0 ? "<p>Zoë &amp; <b>bold</b> results</p>" : nil,
                authors: ["Zoë Müller", "李 雷", "O'Brien & Sons"].prefix(index % 3 + 1).map { $0 },
                categories: ["cs.LG", "stat.ML & friends"].prefix(index % 2 + 1).map { $0 },
                published: base.addingTimeInterval(Double(-3600 * index)),
                updated: base.addingTimeInterval(Double(-3600 * index + 1800)))
        }
        return FeedDocument(
            title: "Paperboy — search: \"$\\alpha$ & <beta>\"",
            subtitle: "Papers matching $\\alpha$ & <beta>, newest first — ünïcödé",
            selfURL: "https://paperboy.example/search/feed.atom?q=%24%5Calpha%24&sort=new",
            siteURL: "https://paperboy.example/search?q=%24%5Calpha%24&sort=new",
            id: "https://paperboy.example/search/feed.atom?q=%24%5Calpha%24&sort=new",
            updated: base.addingTimeInterval(-86_400),
            language: "en",
            items: entries)
    }
}

import Foundation
import Mustache
import PaperboyCore

/// What every page's frame shows (title, search box contents, the active tab).
struct LayoutView {
    var title: String
    var query: String = ""
    var description: String = "Daily Papers: the day's new research papers, ranked by the community."
    /// Autodiscovery `<link rel="alternate">`s: the daily list and trending on every page, plus the page's own.
    var feedLinks: [FeedLink] = FeedLink.pair("/papers", title: "Daily papers") + FeedLink.pair("/papers/trending", title: "Trending papers")
    /// Extra `<meta name content>` tags in the head (the paper page's Google Scholar / Zotero `citation_*` tags).
    var meta: [MetaTag] = []

    struct MetaTag {
        var name: String
        var content: String
    }

    struct FeedLink {
        var href: String
        var title: String
        var type = "application/atom+xml"

        /// Atom and RSS links for the feeds under `path` (`path/feed.atom`, `path/feed.rss`) with an optional query.
        static func pair(_ path: String, query: String = "", title: String) -> [FeedLink] {
            [FeedLink(href: "\(path)/feed.atom\(query)", title: "\(title) (Atom)"),
             FeedLink(href: "\(path)/feed.rss\(query)", title: "\(title) (RSS)", type: "application/rss+xml")]
        }
    }
}

/// A paper card, as in the daily lists.
struct PaperCardView {
    var id: String
    var href: String
    var title: String
    var abstractPreview: String
    /// The first three author names; `nil` when the source lists none.
    var authorsLine: String?
    var authorCount: String
    var date: String
    var upvotes: Int
    var comments: Int
    /// "1 comment", "3 comments"; `nil` when there are none.
    var commentsLabel: String?
    var category: String?
    var githubRepo: String?
    var submitter: String?
    var rank: Int
    /// Highlighted abstract excerpt on search results (replaces the preview).
    var snippet: [SnippetPart]?
    var score: String?
    /// Whether the signed-in visitor has upvoted this paper: sets what the card's vote button shows.
    var upvoted: Bool {
        get { pressed == "true" }
        set { setVoteMarks(pressed: newValue ? "true" : "false", voteClass: newValue ? " on" : "") }
    }
    /// The vote button's extra class (`" on"` when upvoted) and `aria-pressed` value. Plain strings rather than a
    /// section so a shared skeleton can carry placeholders here (``PersonalPages``).
    private(set) var voteClass = ""
    private(set) var pressed = "false"

    mutating func setVoteMarks(pressed: String, voteClass: String) {
        self.pressed = pressed
        self.voteClass = voteClass
    }

    /// The "For you" why-line (recommendation cards only).
    var reason: String?
    /// Where the card's mark forms return to (the page's path and query); `nil`: the referring page, else the paper.
    var back: String?
    /// The signed-in reader's private marks on this paper: read cards are dimmed, "not interested" ones offer Undo.
    var marks: Set<PaperMark> {
        get { Set(markSlots.readOn == "0" ? [PaperMark.read] : []).union(markSlots.dismissOn == "0" ? [.notInterested] : []) }
        set { markSlots = MarkSlots(newValue) }
    }
    /// The mark forms' parts as plain strings, so a shared skeleton can carry placeholders here (``PersonalPages``).
    private(set) var markSlots = MarkSlots([])

    mutating func setMarkSlots(_ slots: MarkSlots) { markSlots = slots }

    /// The paper's path with its id as one segment (old-style ids keep their `/` percent-encoded): the mark forms
    /// post to `<markPath>/read` and `<markPath>/not-interested`.
    var markPath: String {
        "/papers/" + (id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(.init(charactersIn: "/"))) ?? id)
    }

    /// What a card's read and not-interested forms show for a set of marks: the card's extra classes, each form's
    /// `on` value (what pressing it sets) and its button label. The one copy of these strings (``PageSkeleton`` fills
    /// them per reader; `community.js` mirrors the labels).
    struct MarkSlots: Sendable, Equatable {
        var cardClass: String
        var readOn: String
        var readLabel: String
        var dismissOn: String
        var dismissLabel: String

        init(cardClass: String, readOn: String, readLabel: String, dismissOn: String, dismissLabel: String) {
            self.cardClass = cardClass
            self.readOn = readOn
            self.readLabel = readLabel
            self.dismissOn = dismissOn
            self.dismissLabel = dismissLabel
        }

        init(_ marks: Set<PaperMark>) {
            let read = marks.contains(.read), dismissed = marks.contains(.notInterested)
            cardClass = (read ? " read" : "") + (dismissed ? " dismissed" : "")
            readOn = read ? "0" : "1"
            readLabel = read ? "Mark unread" : "Mark read"
            dismissOn = dismissed ? "0" : "1"
            dismissLabel = dismissed ? "Undo not interested" : "Not interested"
        }
    }

    struct SnippetPart {
        var text: String
        var isMatch: Bool
    }

    init(_ item: FeedItem, rank: Int) {
        self.init(paper: item.paper, upvotes: item.upvotes, comments: item.comments,
                  day: item.entry.day, submitter: item.entry.submitter?.username, rank: rank)
    }

    init(paper: Paper, upvotes: Int, comments: Int, day: Day?, submitter: String?, rank: Int) {
        id = paper.id.rawValue
        href = "/papers/\(paper.id.rawValue)"
        title = Text.collapse(paper.title)
        abstractPreview = Text.preview(paper.abstract, maxCharacters: 320)
        let names = paper.visibleAuthors.map(\.name)
        authorsLine = names.isEmpty ? nil : names.prefix(3).joined(separator: ", ")
        let total = paper.totalAuthors
        authorCount = total == 1 ? "1 author" : "\(total) authors"
        let date = day ?? paper.publishedAt.map { Day(secondsSinceEpoch: $0.timeIntervalSince1970) }
        self.date = date.map(Text.displayDate) ?? ""
        self.upvotes = upvotes
        self.comments = comments
        commentsLabel = comments == 0 ? nil : comments == 1 ? "1 comment" : "\(comments) comments"
        category = paper.primaryCategory
        githubRepo = paper.githubRepo
        self.submitter = submitter
        self.rank = rank
        snippet = nil
        score = nil
    }
}

/// Small text helpers for views.
enum Text {
    /// Collapses runs of white space (arXiv's hard line breaks) to single spaces.
    static func collapse(_ s: String) -> String {
        var out = [UInt8]()
        out.reserveCapacity(s.utf8.count)
        var pendingSpace = false
        for b in s.utf8 {
            if b == 0x20 || (b >= 0x09 && b <= 0x0d) {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(0x20) }
                pendingSpace = false
                out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The first `maxCharacters` of the collapsed text, cut at a word boundary, with an ellipsis.
    static func preview(_ s: String, maxCharacters: Int) -> String {
        let flat = collapse(s.count > maxCharacters * 2 ? String(s.prefix(maxCharacters * 2)) : s)
        guard flat.count > maxCharacters else { return flat }
        let cut = flat.prefix(maxCharacters)
        let end = cut.lastIndex(of: " ") ?? cut.endIndex
        return String(cut[..<end]) + "…"
    }

    /// Paragraphs of an abstract: blank lines separate paragraphs, single line breaks are re-flowed.
    static func paragraphs(_ s: String) -> [String] {
        s.replacingOccurrences(of: "\r\n", with: "\n")
            .components(separatedBy: "\n\n")
            .map(collapse).filter { !$0.isEmpty }
    }

    /// "Jun 3, 2025".
    static func displayDate(_ day: Day) -> String {
        let c = day.components
        return "\(shortMonths[c.month - 1]) \(c.day), \(c.year)"
    }

    /// "Tuesday, June 3, 2025".
    static func longDate(_ day: Day) -> String {
        let c = day.components
        return "\(weekdays[day.isoWeekday - 1]), \(Month.names(c.month)) \(c.day), \(c.year)"
    }

    static let shortMonths = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
}

extension Month {
    static func names(_ month: Int) -> String {
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
         "November", "December"][month - 1]
    }
}

/// Cards are rendered 50 at a time: look fields up by name instead of through `Mirror` (5× faster).
extension PaperCardView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": return id
        case "href": return href
        case "title": return title
        case "abstractPreview": return abstractPreview
        case "authorsLine": return authorsLine
        case "authorCount": return authorCount
        case "date": return date
        case "upvotes": return upvotes
        case "comments": return comments
        case "commentsLabel": return commentsLabel
        case "category": return category
        case "githubRepo": return githubRepo
        case "submitter": return submitter
        case "rank": return rank
        case "snippet": return snippet
        case "hasSnippet": return snippet != nil
        case "score": return score
        case "upvoted": return upvoted
        case "voteClass": return voteClass
        case "pressed": return pressed
        case "reason": return reason
        case "back": return back
        case "markPath": return markPath
        case "cardClass": return markSlots.cardClass
        case "readOn": return markSlots.readOn
        case "readLabel": return markSlots.readLabel
        case "dismissOn": return markSlots.dismissOn
        case "dismissLabel": return markSlots.dismissLabel
        default: return nil
        }
    }
}

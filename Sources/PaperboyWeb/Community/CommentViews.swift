import Foundation
import PaperboyCore
import PaperboyStore

/// Markdown blocks as template values: every piece of text reaches the page through an escaping `{{…}}`
/// (see `Templates/markdown.mustache`), so comments cannot inject markup whatever they contain.
struct MarkdownView {
    var blocks: [BlockView]

    struct BlockView {
        var isParagraph = false
        var isCode = false
        var isList = false
        var ordered = false
        var segments: [SegmentView] = []
        var code = ""
        var items: [ItemView] = []
    }

    struct ItemView {
        var segments: [SegmentView]
    }

    /// One styled run; `mdHref` (named to never collide with outer template keys) is set for links.
    struct SegmentView {
        var text: String
        var em: Bool
        var strong: Bool
        var isCode: Bool
        var mdHref: String?
    }

    init(_ source: String) {
        blocks = CommentMarkdown.parse(source).map { block in
            var view = BlockView()
            switch block {
            case .paragraph(let spans):
                view.isParagraph = true
                view.segments = spans.map(Self.segment)
            case .code(let text):
                view.isCode = true
                view.code = text
            case .list(let ordered, let items):
                view.isList = true
                view.ordered = ordered
                view.items = items.map { ItemView(segments: $0.map(Self.segment)) }
            }
            return view
        }
    }

    static func segment(_ s: CommentMarkdown.Span) -> SegmentView {
        SegmentView(text: s.text, em: s.emphasis, strong: s.strong, isCode: s.code, mdHref: s.href)
    }
}

/// A comment as the paper and profile pages show it, with the actions the visitor may take.
struct CommentView {
    var id: Int64
    var author: String
    var paperID: String
    var date: String
    var edited: Bool
    var hidden: Bool
    var body: MarkdownView
    var canEdit: Bool
    var canDelete: Bool
    var canModerate: Bool
    var canReply: Bool
    var replies: [CommentView]

    init(_ c: Comment, viewer: User?, replies: [CommentView] = [], canReply: Bool = false) {
        id = c.id
        author = c.author.username
        paperID = c.paperID.rawValue
        date = Text.displayDate(Day(secondsSinceEpoch: c.createdAt.timeIntervalSince1970))
        edited = c.editedAt != nil
        hidden = c.hidden
        body = MarkdownView(c.body)
        canEdit = viewer?.id == c.authorID
        canDelete = viewer?.id == c.authorID || viewer?.isModerator == true
        canModerate = viewer?.isModerator == true
        self.canReply = canReply && viewer != nil
        self.replies = replies
    }

    /// Top-level comments with their replies, oldest first.
    static func thread(_ comments: [Comment], viewer: User?) -> [CommentView] {
        let replies = Dictionary(grouping: comments.filter { $0.parentID != nil }, by: { $0.parentID! })
        return comments.filter { $0.parentID == nil }.map { top in
            CommentView(top, viewer: viewer, replies: (replies[top.id] ?? []).map { CommentView($0, viewer: viewer) },
                        canReply: true)
        }
    }
}

/// The community part of a paper page: the visitor's vote, comments, collections and authorship claim.
struct PaperCommunityView {
    var paperID: String
    var upvoted: Bool
    var comments: [CommentView]
    var commentCount: Int
    /// "12 more on Hugging Face" when the imported snapshot counted comments we do not have.
    var importedNote: String?
    var collections: [CollectionChoice]
    var claimableAuthors: [String]
    var claimStatus: String?

    struct CollectionChoice {
        var id: Int64
        var name: String
        var contains: Bool
    }

    static func load(_ paper: Paper, community: any CommunityStore, viewer: User?) async throws
        -> PaperCommunityView {
        let comments = try await community.comments(paperID: paper.id, includeHidden: viewer?.isModerator == true)
        var view = PaperCommunityView(paperID: paper.id.rawValue, upvoted: false, comments: CommentView.thread(comments, viewer: viewer),
                                      commentCount: comments.filter { !$0.hidden }.count,
                                      importedNote: paper.importedComments > 0
                                          ? "\(paper.importedComments) more on Hugging Face" : nil, collections: [],
                                      claimableAuthors: [], claimStatus: nil)
        guard let viewer else { return view }
        view.upvoted = try await community.upvoted(userID: viewer.id, among: [paper.id]).contains(paper.id)
        view.collections = try await community.collections(ownerID: viewer.id, includePrivate: true).map {
            CollectionChoice(id: $0.id, name: $0.name, contains: $0.paperIDs.contains(paper.id))
        }
        let mine = try await community.claims(status: nil, userID: viewer.id, limit: 1000).first { $0.paperID == paper.id }
        if let mine {
            view.claimStatus = "You claimed authorship as \(mine.authorName): \(mine.status.rawValue)."
        } else {
            view.claimableAuthors = paper.visibleAuthors.filter { $0.user == nil }.map(\.name)
        }
        return view
    }
}

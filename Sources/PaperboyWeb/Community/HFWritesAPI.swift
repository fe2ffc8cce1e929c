import Foundation
import Hummingbird
import PaperboyCore
import PaperboyIngest
import PaperboyStore

/// Hugging Face's paper write endpoints, beside ours (``CommunityAPI``, ``PaperIndexAPI``); all need
/// `Authorization: Bearer <token>` (``BearerAuthMiddleware``: 401 JSON without or with a bad token).
///
/// - `POST /api/papers/submit` `{"paper_id": "2405.15738", "comment": "…"?}` features the paper today, as
///   `POST /api/papers/index` does (fetching it from arXiv when unknown), and posts the comment when one is given.
///   The comment is checked before anything is stored. Answers `{"paper": {…HF paper…}, "comment": {…}?}`.
/// - `POST /api/papers/{id}/comment` `{"comment": "…"}` and `POST /api/papers/{id}/comment/{cid}/reply`
///   `{"comment": "…"}` answer `201 {"comment": {…}}`.
///
/// A comment is HF's discussion event (the shape `huggingface_hub.community.deserialize_event` reads):
/// `{"id": "12", "type": "comment", "createdAt", "author": {user, name, fullname, avatarUrl, type},
/// "data": {"edited", "hidden", "numEdits", "editors": [name], "reactions": [],
/// "latest": {"raw": Markdown source, "html": the source HTML-escaped in paragraphs, "updatedAt", "author"}},
/// "paperId", "parentCommentId"?}`. Ids are our comment ids as strings. 400 for an empty comment, one over 10,000
/// characters or a body that is not such JSON; 404 for an unknown paper or a comment that is not on that paper.
struct HFWritesAPI: Sendable {
    typealias Context = AppRequestContext
    let papers: any PaperStore
    let community: any CommunityStore
    let accounts: any AccountStore
    let submitter: (any PaperSubmitting)?
    let clock: Now

    /// Bodies beyond this are refused before parsing (a comment is at most 10,000 characters).
    static var maxBodyBytes: Int { 64 * 1024 }

    func register(on router: Router<Context>) {
        let bearer = BearerAuthMiddleware<Context>(store: accounts, clock: clock)
        router.group("/api/papers/submit").add(middleware: bearer).post(use: submit)
        router.group("/api/papers/:id/comment").add(middleware: bearer).post(use: comment)
        router.group("/api/papers/:id/comment/:comment/reply").add(middleware: bearer).post(use: reply)
    }

    @Sendable func submit(_ request: Request, context: Context) async throws -> Response {
        let user = try tokenUser(context)
        let object = try await Self.body(request, example: #"{"paper_id": "2405.15738", "comment": "…"}"#)
        guard let raw = object["paper_id"] as? String else {
            throw PaperboyError.invalid("'paper_id' is required and must be a string.")
        }
        let arxiv: ArxivID
        do { arxiv = try ArxivID(parsing: raw) } catch { throw PaperboyError.invalid("Invalid arXiv id: \(error.message)") }
        var body: String?
        if let value = object["comment"], !(value is NSNull) {
            guard let text = value as? String else { throw PaperboyError.invalid("'comment' must be a string.") }
            body = try Comment.validateBody(text)
        }
        guard let submitter else { throw PaperboyError(.unavailable, "Submitting papers is not enabled on this site.") }
        let result = try await submitter.submit(arxiv, submitter: UserRef(username: user.username))
        var posted: Comment?
        if let body {
            posted = try await community.addComment(userID: user.id, paperID: result.detail.paper.id, parentID: nil,
                                                    body: body, at: clock())
        }
        let entry = result.detail.entries.first { $0.day == result.day }
        let paper = HFAPI.PaperJSON(result.detail.paper, upvotes: result.detail.upvotes, entry: entry,
                                    numComments: result.detail.comments + (posted == nil ? 0 : 1))
        return try JSONResponse.make(SubmitJSON(paper: paper, comment: posted.map(HFCommentJSON.init)))
    }

    @Sendable func comment(_ request: Request, context: Context) async throws -> Response {
        try await post(request, context, parent: nil)
    }

    @Sendable func reply(_ request: Request, context: Context) async throws -> Response {
        let raw = try context.parameters.require("comment")
        guard let id = Int64(raw) else { throw PaperboyError.notFound("No such comment.") }
        return try await post(request, context, parent: id)
    }

    private func post(_ request: Request, _ context: Context, parent: Int64?) async throws -> Response {
        let user = try tokenUser(context)
        let paperID = try context.paperIDParameter()
        guard try await papers.paper(paperID) != nil else { throw PaperboyError.notFound("Paper \(paperID) is not on this site.") }
        if let parent {
            guard let comment = try await community.comment(id: parent), comment.paperID == paperID, !comment.hidden else {
                throw PaperboyError.notFound("No comment \(parent) on paper \(paperID).")
            }
        }
        let object = try await Self.body(request, example: #"{"comment": "…"}"#)
        guard let text = object["comment"] as? String else {
            throw PaperboyError.invalid("'comment' is required and must be a string.")
        }
        let made = try await community.addComment(userID: user.id, paperID: paperID, parentID: parent,
                                                  body: try Comment.validateBody(text), at: clock())
        return try JSONResponse.make(["comment": HFCommentJSON(made)], status: .created)
    }

    private func tokenUser(_ context: Context) throws -> User {
        guard let user = context.tokenUser else { throw PaperboyError.unauthorized("An API token is required.") }
        return user
    }

    /// The request body as a JSON object (at most ``maxBodyBytes``).
    static func body(_ request: Request, example: String) async throws -> [String: Any] {
        var request = request
        guard let buffer = try? await request.collectBody(upTo: maxBodyBytes),
              let object = try? JSONSerialization.jsonObject(with: Data(buffer.readableBytesView)) as? [String: Any]
        else { throw PaperboyError.invalid("The request body must be a JSON object like \(example) (at most 64 KB).") }
        return object
    }

    struct SubmitJSON: Encodable {
        var paper: HFAPI.PaperJSON
        var comment: HFCommentJSON?
    }
}

/// A comment as Hugging Face's discussion event (see ``HFWritesAPI`` for the shape).
struct HFCommentJSON: Encodable {
    var id: String
    var type = "comment"
    var createdAt: String
    var author: HFAPI.UserJSON
    var data: DataJSON
    var paperId: String
    var parentCommentId: String?

    struct DataJSON: Encodable {
        var edited: Bool
        var hidden: Bool
        var numEdits: Int
        var editors: [String]
        var reactions: [String] = []
        var latest: LatestJSON
    }

    struct LatestJSON: Encodable {
        var raw: String
        var html: String
        var updatedAt: String
        var author: HFAPI.UserJSON
    }

    init(_ c: Comment) {
        id = String(c.id)
        createdAt = Timestamp.format(c.createdAt)
        author = HFAPI.UserJSON(c.author)
        let paragraphs = c.body.components(separatedBy: "\n\n").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
        data = DataJSON(edited: c.editedAt != nil, hidden: c.hidden, numEdits: c.editedAt == nil ? 0 : 1,
                        editors: [c.author.username],
                        latest: LatestJSON(raw: c.body,
                                           html: paragraphs.map { "<p>\(HTMLEscaping.escape($0))</p>" }.joined(separator: "\n"),
                                           updatedAt: Timestamp.format(c.editedAt ?? c.createdAt), author: author))
        paperId = c.paperID.rawValue
        parentCommentId = c.parentID.map(String.init)
    }
}

import Hummingbird
import PaperboyCore
import PaperboyStore

/// Old links of a paper merged away as a duplicate (issue #17: a seed list's `local-…` paper folded into its arXiv
/// paper) lead to the survivor. Any path `/papers/local-…` or `/api/papers/local-…` — the page, its `.md`/`.bib`/`.ris`
/// forms, the JSON, sub-resources such as `/comments` — whose id is an alias (``PaperStore/survivor(of:)``) answers
/// `301 Moved Permanently` to the same path and query with the arXiv id (`308 Permanent Redirect` for methods other
/// than GET and HEAD, so a client repeats the write with its body). The API redirects rather than answering the
/// survivor under the old id, so each paper has one address and clients learn it. Other paths cost nothing; a
/// `local-` id that is not an alias costs one indexed read and passes on.
struct PaperAliasMiddleware<Context: RequestContext>: RouterMiddleware {
    let papers: any PaperStore

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let (prefix, id, rest) = Self.localPaperPath(request.uri.path),
              let survivor = try await papers.survivor(of: id) else {
            return try await next(request, context)
        }
        let query = request.uri.query.map { "?\($0)" } ?? ""
        let safe = request.method == .get || request.method == .head
        return Response(status: safe ? .movedPermanently : .permanentRedirect,
                        headers: [.location: "\(prefix)\(survivor)\(rest)\(query)"])
    }

    /// `("/papers/", local-…, ".md")` for a path naming a local paper id, else `nil`.
    static func localPaperPath(_ path: String) -> (prefix: String, id: PaperID, rest: Substring)? {
        for prefix in ["/papers/", "/api/papers/"] where path.hasPrefix(prefix + "local-") {
            let tail = path.dropFirst(prefix.count)
            let idText = tail.prefix(PaperID.localLength)
            let rest = tail.dropFirst(idText.count)
            guard rest.isEmpty || rest.first == "." || rest.first == "/",
                  let id = try? PaperID(parsing: String(idText)) else { return nil }
            return (prefix, id, rest)
        }
        return nil
    }
}

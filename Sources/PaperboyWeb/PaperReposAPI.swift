import Foundation
import Hummingbird
import PaperboyCore
import PaperboyStore

/// `GET /api/arxiv/{id}/repos`: the code repositories we know a paper links to, a JSON array of
/// ``CodeRepository`` — `[{"url", "host": "github"|"gitlab"|"huggingface", "type": "code"|"model"|"dataset"|"space",
/// "id": "owner/name", "source": "githubRepo"|"projectPage"|"abstract"|"comment"|"discussion"}]` — in that order of
/// sources (the paper's `githubRepo` first), each repository once. `discussion` links come from readers' visible
/// comments (when the site has accounts). `[]` when none; 404 for a paper not on this site.
///
/// Hugging Face's endpoint of this name answers `{models, datasets, spaces}` of Hub repositories citing the paper;
/// we hold no Hub repositories, so ours lists the links found instead (Hub links among them, typed).
struct PaperReposAPI<Context: CommunityRequestContext>: Sendable {
    let papers: any PaperStore
    let community: (any CommunityStore)?

    func register(on router: Router<Context>) {
        router.get("/api/arxiv/:id/repos", use: repos)
    }

    @Sendable func repos(_ request: Request, context: Context) async throws -> Response {
        let id = try context.paperIDParameter()
        guard let detail = try await papers.paper(id) else { throw PaperboyError.notFound("Paper \(id) is not on this site.") }
        let p = detail.paper
        var texts: [(String, String)] = [(p.githubRepo ?? "", "githubRepo"), (p.projectPage ?? "", "projectPage"),
                                         (p.abstract, "abstract"), (p.comment ?? "", "comment")]
        if let community {
            texts += try await community.comments(paperID: id, includeHidden: false).map { ($0.body, "discussion") }
        }
        var seen = Set<String>()
        let found = texts.flatMap { CodeRepository.find(in: $0.0, source: $0.1) }
            .filter { seen.insert($0.url.lowercased()).inserted }
        return try JSONResponse.make(found)
    }
}

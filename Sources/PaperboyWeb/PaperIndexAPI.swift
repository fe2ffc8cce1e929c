import Foundation
import Hummingbird
import PaperboyCore
import PaperboyStore
import PaperboyIngest

/// `POST /api/papers/index` with `{"arxivId": "2405.15738"}`: Hugging Face's "submit a paper" endpoint.
/// A known paper is featured today; an unknown one is fetched from arXiv, stored, then featured
/// (``PaperSubmitting``). Answers the paper in HF's shape (`200`); a bad id is `400`, an id arXiv does not
/// know `404`, arXiv unreachable `503` (`502` for an unusable answer) — with nothing stored.
///
/// With accounts (an account store), the route needs `Authorization: Bearer <token>` of any user (401 without, as
/// HF requires a signed-in user) and that user is recorded as the submitter (`submittedOnDailyBy`).
struct PaperIndexAPI<Context: CommunityRequestContext>: Sendable {
    let accounts: (any AccountStore)?
    let submitter: (any PaperSubmitting)?
    let clock: Now

    /// Bodies beyond this are refused before parsing (the real one is ~30 bytes).
    static var maxBodyBytes: Int { 4096 }

    func register(on router: Router<Context>) {
        if let accounts = accounts {
            router.group("/api/papers/index")
                .add(middleware: BearerAuthMiddleware<Context>(store: accounts, clock: clock))
                .post(use: submit)
        } else {
            router.post("/api/papers/index", use: submit)
        }
    }

    @Sendable func submit(_ request: Request, context: Context) async throws -> Response {
        guard let submitter = submitter else {
            throw PaperboyError(.unavailable, "Submitting papers is not enabled on this site.")
        }
        let id = try await Self.arxivID(from: request)
        let user = context.tokenUser.map { UserRef(username: $0.username) }
        let result = try await submitter.submit(id, submitter: user)
        let entry = result.detail.entries.first { $0.day == result.day }
        return try JSONResponse.make(HFAPI.PaperJSON(result.detail.paper, upvotes: result.detail.upvotes, entry: entry,
                                                 numComments: result.detail.comments))
    }

    /// Reads and validates `{"arxivId": "…"}` (any form ``ArxivID`` accepts: `2405.15738`, `arXiv:2405.15738v2`, a URL).
    static func arxivID(from request: Request) async throws -> ArxivID {
        var request = request
        let buffer: ByteBuffer
        do { buffer = try await request.collectBody(upTo: maxBodyBytes) } catch {
            throw PaperboyError.invalid("The request body must be a small JSON object like {\"arxivId\": \"2405.15738\"}.")
        }
        let object = try? JSONSerialization.jsonObject(with: Data(buffer.readableBytesView)) as? [String: Any]
        guard let object else {
            throw PaperboyError.invalid("The request body must be JSON like {\"arxivId\": \"2405.15738\"}.")
        }
        guard let raw = object["arxivId"] as? String else {
            throw PaperboyError.invalid("'arxivId' is required and must be a string.")
        }
        do { return try ArxivID(parsing: raw) } catch {
            throw PaperboyError.invalid("Invalid arXiv id: \(error.message)")
        }
    }
}

import Hummingbird
import PaperboyCore

extension RequestContext {
    /// The paper of a `/…/:id/…` route (an old-style id's `/` arrives percent-encoded); 404 when it is no paper id.
    func paperIDParameter() throws -> PaperID {
        let raw = try parameters.require("id")
        do { return try PaperID(parsing: raw.removingPercentEncoding ?? raw) } catch {
            throw PaperboyError.notFound("'\(raw.prefix(60))' is not a paper id we know.")
        }
    }
}

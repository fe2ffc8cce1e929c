import Foundation
import Hummingbird
import PaperboyCore
import PaperboyStore

/// Loads the session's user into `context.viewer`. A session whose account is gone is ended.
struct ViewerMiddleware<Context: CommunityRequestContext>: RouterMiddleware {
    let store: any AccountStore

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let id = context.sessions.session?.userID {
            if let user = try await store.user(id: id) {
                context.viewer = user
            } else {
                context.sessions.clearSession()
            }
        }
        return try await next(request, context)
    }
}

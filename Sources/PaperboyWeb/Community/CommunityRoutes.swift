import Foundation
import Hummingbird
import PaperboyCore
import PaperboyStore

/// Registers every community route (called by `buildRouter` when the app has a ``CommunityStore`` and an ``AccountStore``).
struct CommunityRoutes: Sendable {
    let deps: AppDependencies
    let community: any CommunityStore
    let accounts: any AccountStore
    let pages: PageRenderer
    let sessions: SessionLayer

    func register(on router: Router<AppRequestContext>) {
        AccountController(deps: deps, accounts: accounts, pages: pages, sessions: sessions).register(on: router)
        DiscussionController(deps: deps, community: community, pages: pages).register(on: router)
        SubmitController(deps: deps, community: community, pages: pages).register(on: router)
        CommunityAPI(deps: deps, community: community, accounts: accounts).register(on: router)
        CollectionsController(deps: deps, community: community, pages: pages).register(on: router)
        ProfileController(deps: deps, community: community, accounts: accounts, pages: pages).register(on: router)
        ModerationController(deps: deps, community: community, pages: pages).register(on: router)
    }
}

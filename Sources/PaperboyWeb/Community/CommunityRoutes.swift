import Foundation
import Hummingbird
import PaperboyCore
import PaperboyStore

/// Registers every community route (called by `buildRouter` when the app has a ``CommunityStore`` and an ``AccountStore``).
struct CommunityRoutes: Sendable {
    let papers: any PaperStore
    let community: any CommunityStore
    let accounts: any AccountStore
    let upvotes: UpvoteMarks
    let passwords: PasswordHasher
    let fetcher: (any PaperFetcher)?
    let clock: Now
    let pages: PageRenderer
    let sessions: SessionLayer
    /// The private "For you" feed's links, shown on the settings page (`nil` without "For you" or mail).
    let feedLinks: PrivateFeedLinks?
    /// The site's public address (citations of papers not on arXiv in a collection's `.bib`).
    var baseURL = "http://127.0.0.1:8080"

    func register(on router: Router<AppRequestContext>) {
        AccountController(passwords: passwords, clock: clock, accounts: accounts, pages: pages, sessions: sessions,
                          feedLinks: feedLinks)
            .register(on: router)
        DiscussionController(clock: clock, community: community, pages: pages).register(on: router)
        SubmitController(papers: papers, fetcher: fetcher, clock: clock, community: community, pages: pages)
            .register(on: router)
        CommunityAPI(papers: papers, clock: clock, community: community, accounts: accounts).register(on: router)
        CollectionsController(papers: papers, upvotes: upvotes, clock: clock, community: community, pages: pages,
                              baseURL: baseURL).register(on: router)
        ProfileController(papers: papers, upvotes: upvotes, clock: clock, community: community, accounts: accounts,
                          pages: pages).register(on: router)
        ModerationController(clock: clock, community: community, pages: pages).register(on: router)
    }
}

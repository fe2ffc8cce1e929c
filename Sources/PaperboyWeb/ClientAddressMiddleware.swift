import Hummingbird
import PaperboyCore

/// The client's address behind load balancers (`--trusted-proxy`): when the peer is a trusted proxy, the client is
/// the right-most address of `X-Forwarded-For` (all its headers, in order) that is not itself a trusted proxy —
/// each proxy appends the address it saw, so entries to the left of the last untrusted one could be made up by the
/// client and are never believed. A malformed entry stops the walk at the last good hop. From any other peer the
/// header is ignored: a client cannot pick its own address to escape the sign-in throttle.
struct ClientAddressMiddleware<Context: CommunityRequestContext>: RouterMiddleware {
    let trustedProxies: Set<String>

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !trustedProxies.isEmpty, let peer = context.remoteIP, trustedProxies.contains(peer) else {
            return try await next(request, context)
        }
        var context = context
        context.remoteIP = Self.client(peer: peer, forwardedFor: request.headers[values: .xForwardedFor],
                                       trusted: trustedProxies)
        return try await next(request, context)
    }

    static func client(peer: String, forwardedFor headers: [String], trusted: Set<String>) -> String {
        let hops = headers.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        var client = peer
        for hop in hops.reversed() {
            guard IPAddressText.isValid(hop) else { break }
            client = hop
            if !trusted.contains(hop) { break }
        }
        return client
    }
}

extension HTTPFields.Element.Name {
    static let xForwardedFor = Self("X-Forwarded-For")!
}

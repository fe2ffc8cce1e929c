import Testing
@testable import PaperboyWeb

@Suite struct ClientAddressTests {
    typealias M = ClientAddressMiddleware<AppRequestContext>
    let trusted: Set<String> = ["10.0.0.2", "10.0.0.3"]

    @Test func theRightMostUntrustedHopIsTheClient() {
        #expect(M.client(peer: "10.0.0.2", forwardedFor: ["203.0.113.7"], trusted: trusted) == "203.0.113.7")
        // A client-made entry to the left of the real one is never believed.
        #expect(M.client(peer: "10.0.0.2", forwardedFor: ["1.1.1.1, 203.0.113.7"], trusted: trusted) == "203.0.113.7")
        // Two trusted proxies in a row are skipped; several headers count in order.
        #expect(M.client(peer: "10.0.0.2", forwardedFor: ["198.51.100.4", "10.0.0.3"], trusted: trusted) == "198.51.100.4")
    }

    @Test func garbageOrNoHeaderLeavesTheLastGoodHop() {
        #expect(M.client(peer: "10.0.0.2", forwardedFor: [], trusted: trusted) == "10.0.0.2")
        #expect(M.client(peer: "10.0.0.2", forwardedFor: ["not-an-ip"], trusted: trusted) == "10.0.0.2")
        #expect(M.client(peer: "10.0.0.2", forwardedFor: ["203.0.113.7, junk, 10.0.0.3"], trusted: trusted) == "10.0.0.3")
    }
}

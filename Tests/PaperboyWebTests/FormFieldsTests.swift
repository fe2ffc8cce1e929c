import Foundation
import Hummingbird
import HummingbirdTesting
import PaperboyCore
import Testing
@testable import PaperboyWeb

/// `FormFields` is the one form parser: `CSRFMiddleware`, every controller's form body and the `q` query parameter.
@Suite("Form parsing")
struct FormFieldsTests {
    @Test func aRepeatedNameKeepsItsFirstValue() {
        let form = FormFields("_csrf=real&paper=1&_csrf=injected&paper=2&public=1")
        #expect(form["_csrf"] == "real" && form["paper"] == "1" && form["public"] == "1")
        #expect(FormFields("a=&a=x")["a"] == "")
        #expect(FormFields("a&a=x")["a"] == "")
    }

    @Test func plusIsASpaceAndPercentEscapesAreBytes() {
        let form = FormFields("q=sparse+attention&plus=a%2Bb&mail=ada%40example.org&utf8=Zo%C3%AB+%E6%9D%8E&"
                              + "nl=a%0D%0Ab&amp=%26%3D&upper=%C3%A9%c3%a9&my+name=x")
        #expect(form["q"] == "sparse attention")
        #expect(form["plus"] == "a+b")
        #expect(form["mail"] == "ada@example.org")
        #expect(form["utf8"] == "Zoë 李")
        #expect(form["nl"] == "a\r\nb")
        #expect(form["amp"] == "&=")
        #expect(form["upper"] == "éé")
        #expect(form["my name"] == "x")
        #expect(FormFields("a=b=c")["a"] == "b=c")
    }

    /// A `%` without two hex digits stays as typed (what browsers do), instead of losing the whole value.
    @Test func malformedEscapesAreKept() {
        #expect(FormFields.decode("100%") == "100%")
        #expect(FormFields.decode("%zz") == "%zz")
        #expect(FormFields.decode("%4") == "%4")
        #expect(FormFields.decode("%%41") == "%A")
        #expect(FormFields.decode("%41%zz+%4") == "A%zz %4")
        #expect(FormFields.decode("%E6%9D") == "\u{FFFD}")   // a cut-off UTF-8 sequence
        #expect(FormFields.decode("%FFok") == "\u{FFFD}ok")
        #expect(FormFields("q=50%+off&x=1")["q"] == "50% off")
    }

    @Test func emptyValuesNamesAndPairs() throws {
        let form = FormFields("a=&b&&=orphan&c=%20&&")
        #expect(form["a"] == "" && form["b"] == "" && form[""] == "orphan" && form["c"] == " ")
        #expect(form["d"] == nil)
        #expect(FormFields("")["a"] == nil)
        #expect(throws: PaperboyError.self) { try form.require("c", label: "C") }
        #expect(throws: PaperboyError.self) { try form.require("d", label: "D") }
        #expect(FormFields("p=+2506.00001+")["p"] == " 2506.00001 ")
        #expect(try FormFields("p=x").require("p", label: "P") == "x")
    }

    /// GET forms encode a space as `+`; Hummingbird's `queryParameters` would leave it.
    @Test func theQueryIsDecodedAsAForm() async throws {
        try await WebFixture.withApp { client in
            try await client.execute(uri: "/search?q=sparse+attention&q=ignored", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.text.contains("value=\"sparse attention\""))
            }
            try await client.execute(uri: "/search?q=100%", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.text.contains("value=\"100%\""))
            }
        }
    }

    /// The middleware and the handler read `_csrf` with the same rule: the first one counts.
    @Test func theCSRFCheckReadsTheFirstToken() async throws {
        let fx = try await CommunityFixture.make()
        try await fx.user("grace")
        try await fx.withApp { client in
            let b = Browser(client)
            try await b.signIn("grace")
            let token = try await b.csrf()
            #expect(try await b.post("/papers/upvote", [("_csrf", "forged"), ("_csrf", token), ("paper", "2506.00001")]).status
                == .forbidden)
            #expect(try await b.post("/papers/upvote", [("_csrf", token), ("_csrf", "forged"), ("paper", "2506.00001"),
                                                        ("paper", "2506.00002")]).status == .seeOther)
            #expect(try await fx.papers.paper(PaperID(unchecked: "2506.00001"))?.upvotes == 11)
        }
    }

    /// One limit (64 KB) and one rule for every form, CSRF-checked or sessionless; a larger body is a 400 that says why.
    @Test func everyFormHasTheSameLimitAndRule() async throws {
        let fx = try await CommunityFixture.make()
        try await fx.user("grace")
        try await fx.withApp { client in
            let b = Browser(client)
            try await b.signIn("grace")
            let token = try await b.csrf()
            let filler = String(repeating: "x", count: FormFields.maxBytes)
            let big = try await b.post("/papers/upvote", [("_csrf", token), ("paper", "2506.00001"), ("filler", filler)])
            #expect(big.status == .badRequest && big.text.contains("The form is too large (at most 64 KB)."))
            let justUnder = String(repeating: "x", count: FormFields.maxBytes - 200)
            #expect(try await b.post("/papers/upvote", [("_csrf", token), ("paper", "2506.00001"), ("filler", justUnder)]).status
                == .seeOther)
        }
        // `/subscribe` has no session and no CSRF check: the handler's own read applies the same limit.
        try await DeliveryRouteTests.withApp { client, store in
            let filler = String(repeating: "x", count: FormFields.maxBytes)
            try await client.execute(uri: "/subscribe", method: .post, headers: DeliveryRouteTests.formHeaders,
                                     body: ByteBuffer(string: "email=ada%40example.org&filler=\(filler)")) { r in
                #expect(r.status == .badRequest && r.text.contains("The form is too large (at most 64 KB)."))
            }
            #expect(try await store.subscriber(email: "ada@example.org") == nil)
            // A repeated field: the first address is the one subscribed.
            try await client.execute(uri: "/subscribe", method: .post, headers: DeliveryRouteTests.formHeaders,
                                     body: ByteBuffer(string: "email=ada%40example.org&email=eve%40example.org")) { r in
                #expect(r.status == .ok && r.text.contains("ada@example.org") && !r.text.contains("eve@"))
            }
            #expect(try await store.subscriber(email: "ada@example.org")?.status == .pending)
            #expect(try await store.subscriber(email: "eve@example.org") == nil)
        }
    }
}

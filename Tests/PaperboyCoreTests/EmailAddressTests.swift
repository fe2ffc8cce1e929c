import PaperboyCore
import Testing

/// `EmailAddress.normalise` is the one rule for accounts (sign-up, `paperboy users add`) and digest subscriptions
/// (`/subscribe`, `/signin/email`, `paperboy subscribers`).
@Suite("E-mail addresses")
struct EmailAddressTests {
    @Test func trimmedAndLowerCased() throws {
        #expect(try EmailAddress.normalise(" Ada@Example.ORG ") == "ada@example.org")
        #expect(try EmailAddress.normalise("\tAda@Example.ORG\r\n") == "ada@example.org")
        #expect(try EmailAddress.normalise("ÉLODIE@Exemple.FR") == "élodie@exemple.fr")
    }

    /// Every address the test suites and fixtures use, and a few real-world shapes.
    @Test(arguments: [
        "ada@example.org", "x@example.org", "b@x.org", "x@y.z", "c@d.org", "digest@paperboy.example",
        "user4@example.org", "o'brien@example.org", "ada+papers@example.org", "first.last@mail.example.co.uk",
        "a_b-c@sub-domain.example.org", "zoë@exemple.fr",
    ])
    func accepted(_ address: String) throws {
        #expect(try EmailAddress.normalise(address) == address)
    }

    @Test(arguments: [
        "", "   ", "ada", "no-at", "ada@", "@example.org", "@x.org", "a@@example.org", "a@b@example.org",
        // The domain needs a dot and no empty label.
        "ada@example", "a@b", "ada@localhost", "a@.org", "ada@example.org.", "x@y..z",
        // White space, controls and specials anywhere.
        "a b@example.org", "ada@exa mple.org", "ada@example.org>", "<script>@example.org", "ada@example.org\r\nBcc: x@y.z",
        "ada\u{0}@example.org", "ada\u{200B}@example.org", "\"ada\"@example.org", "ada,bob@example.org",
        "ada;bob@example.org", "ada(comment)@example.org", "ada@[127.0.0.1]", "a\\b@example.org", "group:ada@example.org",
    ])
    func refused(_ address: String) {
        let error = #expect(throws: PaperboyError.self, "\(address.debugDescription)") { try EmailAddress.normalise(address) }
        #expect(error?.code == .invalidInput)
        #expect(error?.message.contains("is not an e-mail address") == true)
    }

    @Test func lengthLimitsAreInBytes() throws {
        let local64 = String(repeating: "a", count: 64)
        #expect(try EmailAddress.normalise("\(local64)@example.org") == "\(local64)@example.org")
        #expect(throws: PaperboyError.self) { try EmailAddress.normalise("a\(local64)@example.org") }
        // 32 two-byte letters make a 64-byte local part; 33 are too many.
        #expect(throws: Never.self) { try EmailAddress.normalise(String(repeating: "é", count: 32) + "@example.org") }
        #expect(throws: PaperboyError.self) { try EmailAddress.normalise(String(repeating: "é", count: 33) + "@example.org") }

        let domain = String(repeating: "d", count: 254 - 2 - 4) + ".org"  // "a@" + domain = 254 bytes
        #expect(try EmailAddress.normalise("a@\(domain)").utf8.count == 254)
        let error = #expect(throws: PaperboyError.self) { try EmailAddress.normalise("ab@\(domain)") }
        #expect(error?.message.contains("too long") == true)
    }

    /// The message quotes what was typed (cut at 80 characters), for the page that shows it (escaped) again.
    @Test func theMessageQuotesTheInput() {
        let long = String(repeating: "x", count: 200)
        let error = #expect(throws: PaperboyError.self) { try EmailAddress.normalise(long) }
        #expect(error?.message == "'\(String(repeating: "x", count: 80))' is not an e-mail address we can send to.")
    }
}

import PaperboyCore
import Testing

@Suite struct IPAddressTextTests {
    @Test(arguments: ["127.0.0.1", "10.0.0.2", "255.255.255.255", "0.0.0.0", "::1", "::", "2001:db8::8a2e:370:7334",
                      "fe80::1", "::ffff:192.168.1.1", "2001:0db8:0000:0000:0000:ff00:0042:8329"])
    func valid(_ text: String) { #expect(IPAddressText.isValid(text)) }

    @Test(arguments: ["", "localhost", "256.1.1.1", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1.2.3.-4", " 1.2.3.4",
                      "1:2:3:4:5:6:7:8:9", "2001:db8::1::2", "12345::", "g::1", "1.2.3.4:80", "unknown"])
    func invalid(_ text: String) { #expect(!IPAddressText.isValid(text)) }
}

/// 64-bit FNV-1a, the one non-cryptographic hash of the code base: local paper ids (`PaperID.local`), embedding
/// content hashes and the feature-hashing test embedder all use it, so their values agree.
public enum FNV1a {
    /// The 64-bit FNV-1a hash of the text's UTF-8 bytes.
    public static func hash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// ``hash(_:)`` as 16 lower-case hex digits, zero-padded.
    public static func hex(_ text: String) -> String {
        let hex = String(hash(text), radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

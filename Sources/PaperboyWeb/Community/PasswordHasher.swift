import Foundation
import HummingbirdBcrypt
import PaperboyCore

/// bcrypt via hummingbird-auth's `HummingbirdBcrypt`. Hashing is CPU-bound (≈ 50 ms at cost 10, 4× per step),
/// so it runs in a detached task rather than inline on a request's task.
public struct PasswordHasher: Sendable {
    /// bcrypt cost (log2 rounds); at least 10.
    public let cost: UInt8

    public init(cost: Int = 12) {
        self.cost = UInt8(clamping: max(10, min(cost, 31)))
    }

    public func hash(_ password: String) async -> String {
        let cost = cost
        return await Task.detached { Bcrypt.hash(password, cost: cost) }.value
    }

    public func verify(_ password: String, hash: String) async -> Bool {
        await Task.detached { Bcrypt.verify(password, hash: hash) }.value
    }

    /// A valid hash of nothing anyone can type, verified against when the account does not exist so a missing
    /// account takes as long to refuse as a wrong password.
    static let decoy = "$2b$10$V4CtP8U6//6alKI1bOwA6eqSqqOFL37uHEXBsoikV2VVfUqkJJ3xC"
}
